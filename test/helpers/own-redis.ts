import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort, type Started, startProcess } from './processes.ts';

/** A redis-server of the test's own on a free port: flushing, stopping or killing it disturbs no one. */
export interface OwnRedis {
  url: string;
  port: number;
  /** SIGTERM (no persistence: the data is gone) */
  stop(): Promise<void>;
  /** start again on the same port (empty) */
  start(): Promise<void>;
  flushall(): Promise<void>;
  close(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'aii-redis-'));
  const launch = async () => {
    const proc = startProcess(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
        '--dir',
        dir,
      ],
      { PATH: process.env['PATH'] ?? '' },
      dir,
    );
    await proc.waitFor(/Ready to accept connections/, 15_000);
    return proc;
  };
  let proc: Started | undefined = await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await proc?.stop(5_000);
      proc = undefined;
    },
    async start() {
      proc = await launch();
    },
    async flushall() {
      const r = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 1 });
      try {
        await r.flushall();
      } finally {
        r.disconnect();
      }
    },
    async close() {
      await proc?.stop(5_000);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
