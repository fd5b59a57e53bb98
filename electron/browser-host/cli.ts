import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/createCore';
import { appId } from '../core/appIdentity';
import { KeychainVault } from '../core/vault/keychainVault';
import { startBrowserHost } from './browserHost';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4700' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string', default: path.join(repoRoot, 'out/renderer') },
    },
  });
  const dataDir = values['data-dir'];
  const port = Number(values.port);
  if (!dataDir || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('Usage: npm run web -- --port <port> --data-dir <folder>');
    process.exit(2);
  }
  const rendererDir = values['renderer-dir'];
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    console.error(`No built renderer at ${rendererDir}. Run "npm run build" first.`);
    process.exit(2);
  }
  const version = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version as string;

  const core = createCore({
    dataDir: path.resolve(dataDir),
    vault: new KeychainVault(process.env.AM_KEYCHAIN_SERVICE ?? appId),
    version,
    shell: 'browser-host',
    onInternalError: (channel, error) => console.error(`internal error on ${channel}:`, (error as Error)?.message),
  });
  const host = await startBrowserHost({ core, rendererDir, port });
  console.log(`Open: ${host.url}`);

  const stop = async () => {
    await host.close();
    core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
