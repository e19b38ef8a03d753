import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, type Started, startProcess } from './processes.ts';

/** Debian's pgbouncer, where installed (.ci/run installs it). */
export const PGBOUNCER = (() => {
  try {
    return execFileSync('which', ['pgbouncer'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return existsSync('/usr/sbin/pgbouncer') ? '/usr/sbin/pgbouncer' : undefined;
  }
})();

/** A pgbouncer of the test's own in transaction mode, in front of the PostgreSQL of `upstreamUrl`. */
export interface OwnPgbouncer {
  port: number;
  /** `url` with its host and port replaced by this pgbouncer's */
  via(url: string): string;
  /** SIGKILL: every client and server connection cut at once */
  kill(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Transaction pooling: a server connection belongs to a client for one transaction only, so
 * session state (SET, prepared statements, advisory locks, LISTEN) would leak between tenants or
 * vanish. The platform keeps its tenant in a transaction-local setting (`set_config(…, true)`),
 * which is what this mode allows. `users` are the roles clients log in as (trust, as the
 * machine's PostgreSQL on 127.0.0.1).
 */
export async function startPgbouncer(
  upstreamUrl: string,
  opts: { users: string[]; poolSize?: number },
): Promise<OwnPgbouncer> {
  if (!PGBOUNCER) throw new Error('pgbouncer is not installed (apt-get install pgbouncer)');
  const upstream = new URL(upstreamUrl);
  const port = await freePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'aii-pgbouncer-'));
  await chmod(dir, 0o755); // as root, it runs as the postgres user (-u) and must read its files
  const ini = path.join(dir, 'pgbouncer.ini');
  await writeFile(path.join(dir, 'users.txt'), opts.users.map((u) => `"${u}" ""\n`).join(''));
  await writeFile(
    ini,
    [
      '[databases]',
      `* = host=${upstream.hostname} port=${upstream.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${path.join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 2000',
      `default_pool_size = ${opts.poolSize ?? 8}`,
      'ignore_startup_parameters = extra_float_digits,options,application_name',
      'server_reset_query =',
      '',
    ].join('\n'),
  );
  const asRoot = process.getuid?.() === 0;
  let proc: Started | undefined;
  const launch = async () => {
    proc = startProcess(
      PGBOUNCER!,
      [...(asRoot ? ['-u', 'postgres'] : []), ini],
      { PATH: process.env['PATH'] ?? '' },
      dir,
    );
    await proc.waitFor(/process up|listening on 127\.0\.0\.1/, 15_000);
  };
  await launch();
  return {
    port,
    via(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    async kill() {
      try {
        process.kill(-proc!.child.pid!, 'SIGKILL');
      } catch {}
      await proc?.stop();
      proc = undefined;
    },
    start: launch,
    async close() {
      await proc?.stop(5_000);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The settings of an API or worker process that reaches PostgreSQL through `bouncer` as the app
 * role: pgbouncer 1.18 (Debian 12) keeps no prepared statements across server connections.
 */
export const viaPgbouncer = (bouncer: OwnPgbouncer, appUrl: string) => ({
  DATABASE_APP_URL: bouncer.via(appUrl),
  DATABASE_PREPARED_STATEMENTS: 'false',
});
