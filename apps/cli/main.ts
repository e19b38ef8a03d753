import { ConfigError, loadConfig } from '../../src/config/index.ts';
import { deriveAppUrl, migrate } from '../../src/db/index.ts';

const HELP = `ai-interviewer <command>

Commands:
  db migrate     Apply pending migrations as the owner role (DATABASE_URL) and make sure the
                 app login role (DATABASE_APP_URL, or ai_interviewer_app) can connect.
  help           Show this help.

Every command accepts --help.`;

const COMMANDS: Record<string, { help: string; run: (args: string[]) => Promise<void> }> = {
  'db migrate': {
    help: 'ai-interviewer db migrate\n\nApplies pending migrations from migrations/ to DATABASE_URL.',
    async run() {
      const config = loadConfig();
      if (!config.databaseUrl) throw new ConfigError(['DATABASE_URL: required for db migrate']);
      const appUrl = deriveAppUrl(config.databaseUrl, config.databaseAppUrl);
      process.stdout.write('Applying migrations… ');
      const { applied } = await migrate(config.databaseUrl, appUrl);
      console.log(applied.length ? `applied ${applied.length}:\n  ${applied.join('\n  ')}` : 'up to date');
    },
  },
};

async function main(argv: string[]) {
  const key = argv.slice(0, 2).join(' ');
  const command = COMMANDS[key];
  if (!command) {
    console.log(HELP);
    process.exit(argv.length === 0 || argv[0] === 'help' || argv.includes('--help') ? 0 : 2);
  }
  if (argv.includes('--help')) {
    console.log(command.help);
    return;
  }
  await command.run(argv.slice(2));
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
