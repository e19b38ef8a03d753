import type { Server as HttpServer } from 'node:http';
import { ConfigError, loadConfig } from '../../src/config/index.ts';
import { loadLocalSecrets, saveLocalSecrets } from '../../src/config/local-secrets.ts';
import {
  createOrm,
  createRedis,
  deriveAppUrl,
  type EmbeddedDatabase,
  logRedisHealth,
  migrate,
  startEmbeddedPostgres,
} from '../../src/db/index.ts';
import { warmUpEvaluator } from '../../src/evaluation/index.ts';
import { createApp, createServices, startHttpServer } from '../../src/http/index.ts';
import { createLogger, onShutdownSignal } from '../../src/observability/index.ts';
import { bundledManifests, syncBundledPlugins } from '../../src/plugins/index.ts';
import { attachRealtime, candidateAuthorizer, staffAuthorizer } from '../../src/realtime/index.ts';
import { ensureDemoJoinLink } from '../../src/scheduling/index.ts';
import { ensureDemoTenant } from '../../src/tenancy/index.ts';

/** The API process: config -> database (embedded when DATABASE_URL is unset) -> migrate -> serve. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  // Local secrets (under DATA_DIR) only for the embedded default or the demo tenant: a production
  // pod with an external database never writes to its file system.
  const seedDemo = config.seedDemo ?? !config.databaseUrl;
  const secrets = !config.databaseUrl || seedDemo ? await loadLocalSecrets(config.dataDir) : undefined;

  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      password: secrets!.postgresPassword,
      log: (msg) => logger.info(msg),
    });
  }
  const ownerUrl = config.databaseUrl ?? embedded!.url;
  const appUrl = deriveAppUrl(ownerUrl, config.databaseAppUrl);

  const jwtSecret = config.jwt.secret ?? (embedded ? secrets!.jwtSecret : undefined);
  if (!jwtSecret) {
    console.error('Invalid configuration:\n  - JWT_SECRET: required when DATABASE_URL is set');
    process.exit(1);
  }

  const { applied } = await migrate(ownerUrl, appUrl);
  if (applied.length) logger.info({ applied }, 'migrations applied');

  const orm = await createOrm(appUrl, {
    poolMax: config.databasePoolMax,
    preparedStatements: config.databasePreparedStatements,
  });
  const synced = await syncBundledPlugins(orm);
  logger.info({ plugins: synced.map((p) => `${p.id}@${p.version} (${p.status})`) }, 'bundled plugins synced');
  const redis = config.redisUrl ? createRedis(config.redisUrl, logRedisHealth(logger)) : undefined;
  // before the first turn: a fresh process evaluates its first long answers several times slower
  logger.info({ ms: Math.round(warmUpEvaluator(await bundledManifests(orm))) }, 'evaluator warmed up');
  const services = await createServices({ config, orm, logger, jwtSecret, redis });

  const demoSecrets = seedDemo ? secrets : undefined;
  const demo = demoSecrets ? await ensureDemoTenant(orm, demoSecrets.demoPassword) : undefined;
  if (demo && demoSecrets) {
    const token = await ensureDemoJoinLink(orm, demo.slug, demoSecrets.demoJoinToken);
    if (token !== demoSecrets.demoJoinToken) {
      await saveLocalSecrets(config.dataDir, { ...demoSecrets, demoJoinToken: token });
    }
    demoSecrets.demoJoinToken = token;
  }

  const app = createApp(services);
  const server = startHttpServer(app, config, (info) => {
    const base = config.publicUrl ?? `http://localhost:${info.port}`;
    const lines = [
      '',
      `AI Interviewer is running (${embedded ? 'embedded PostgreSQL' : 'external PostgreSQL'})`,
      `  API:     ${base}/api/v1`,
      `  Docs:    ${base}/docs`,
      `  OpenAPI: ${base}/api/v1/openapi.json`,
    ];
    if (demo && demoSecrets) {
      lines.push(
        `  Demo login: email ${demo.email}  password ${demoSecrets.demoPassword}  (tenant ${demo.slug})`,
        `    curl -s ${base}/api/v1/admin/login -H 'content-type: application/json' \\`,
        `      -d '{"email":"${demo.email}","password":"${demoSecrets.demoPassword}"}'`,
        `  Dashboard: ${base}/   (sign in with the demo login)`,
        `  Candidate join link (Backend Engineer): ${base}/join/${demoSecrets.demoJoinToken}`,
      );
    }
    console.log(`${lines.join('\n')}\n`);
  });

  // Live updates on the same HTTP server; with Redis the adapter reaches every API process.
  const realtime = await attachRealtime({
    httpServer: server as unknown as HttpServer,
    orm,
    authorizer: staffAuthorizer(orm, services.tokens, candidateAuthorizer(services.tokens)),
    redis,
    recheckMs: config.socketRecheckMs,
  });
  services.realtime.target = realtime.emitter;

  onShutdownSignal(logger, 'stopped', () => [
    ['sockets and HTTP', () => realtime.close()], // the HTTP server too, once its connections drain
    ['HTTP server', () => new Promise<void>((resolve) => server.close(() => resolve()))],
    ['jobs and services', () => services.close()],
    ['database pool', () => orm.close()],
    ['redis', redis ? () => redis.quit() : null],
    ['embedded PostgreSQL', embedded ? () => embedded.stop() : null],
  ]);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
