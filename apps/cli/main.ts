import { ConfigError } from '../../src/config/index.ts';
import * as dbMigrate from './commands/db-migrate.ts';
import * as evaluatorWarm from './commands/evaluator-warm.ts';
import * as pluginCalibrate from './commands/plugin-calibrate.ts';
import * as pluginInit from './commands/plugin-init.ts';
import * as pluginPublish from './commands/plugin-publish.ts';
import * as pluginTest from './commands/plugin-test.ts';
import * as pluginValidate from './commands/plugin-validate.ts';

interface Command {
  summary: string;
  help: string;
  run: (args: string[]) => Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  'db migrate': dbMigrate,
  'evaluator warm': evaluatorWarm,
  'plugin validate': pluginValidate,
  'plugin test': pluginTest,
  'plugin calibrate': pluginCalibrate,
  'plugin init': pluginInit,
  'plugin publish': pluginPublish,
};

const HELP = `ai-interviewer <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(18)}${c.summary}`)
  .join('\n')}

Run \`ai-interviewer <command> --help\` for a command's options.`;

/** The `ai-interviewer` command line: `<group> <verb> [args]`. */
async function main(argv: string[]): Promise<number> {
  const command = COMMANDS[argv.slice(0, 2).join(' ')];
  if (!command) {
    console.log(HELP);
    return argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
  }
  const args = argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(
      err instanceof ConfigError ? err.message : `error: ${err instanceof Error ? err.message : err}`,
    );
    process.exit(1);
  },
);
