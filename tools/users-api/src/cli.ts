// `npm run users-api -- --port <p> [--seed f] [--compat 7|8] [--dev] [--people n] …`
// stdout gets exactly one line once listening; everything else goes to stderr.
import { HELP, UsageError, parseArgs } from './cliArgs';
import { startUsersApi } from './index';

async function main(): Promise<void> {
  let command;
  try {
    command = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`users-api: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (command.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const api = await startUsersApi(command.options);
  process.stdout.write(`Users API listening on ${api.url}\n`);
  const stop = (): void => {
    api.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`users-api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
