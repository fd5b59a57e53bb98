import { parseArgs } from 'node:util';
import { launchBrowserHost } from './launchBrowserHost';
import { hostLogger } from './stderrLog';

const log = hostLogger();

// A promise nobody awaited failed: a bug, said plainly (tests look for this line), and
// the host keeps serving rather than dropping the person's window.
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4700' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
    },
  });
  const dataDir = values['data-dir'];
  const port = Number(values.port);
  if (!dataDir || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('Usage: npm run web -- --port <port> --data-dir <folder>');
    process.exit(2);
  }
  const { url } = await launchBrowserHost({ dataDir, port, rendererDir: values['renderer-dir'], log });
  console.log(`Open: ${url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
