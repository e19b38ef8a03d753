import { ConfigError, loadConfig } from '../../../src/config/index.ts';
import { deriveAppUrl, migrate } from '../../../src/db/index.ts';

export const summary = 'Apply pending database migrations (owner role).';

export const help = `ai-interviewer db migrate

Applies pending migrations from migrations/ as the owner role (DATABASE_URL) and makes sure the
app login role (DATABASE_APP_URL, or ai_interviewer_app) can connect. Safe to run concurrently.`;

export async function run(): Promise<number> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigError(['DATABASE_URL: required for db migrate']);
  const appUrl = deriveAppUrl(config.databaseUrl, config.databaseAppUrl);
  process.stdout.write('Applying migrations… ');
  const { applied } = await migrate(config.databaseUrl, appUrl);
  console.log(applied.length ? `applied ${applied.length}:\n  ${applied.join('\n  ')}` : 'up to date');
  return 0;
}
