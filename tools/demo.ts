/**
 * `npm run demo`: the reference users API with the demo accounts, then the app against
 * it — the Electron app where its binary is installed, otherwise the browser host.
 * The demo keeps its data in .demo-data/ so a second run starts signed in.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowserHost, repoRoot as root } from '../electron/browser-host/launchBrowserHost';
import { electronBinary } from './dev/electronBinary';
import { startUsersApi } from './users-api/src/index';

const dataDir = path.join(root, '.demo-data');
const apiPort = Number(process.env.AM_DEMO_API_PORT ?? 3000);
const webPort = Number(process.env.AM_DEMO_WEB_PORT ?? 4700);

async function main(): Promise<void> {
  const api = await startUsersApi({ port: apiPort, dev: true });
  console.log(`Users API (demo data): ${api.url}`);
  console.log(
    'Demo accounts: demouser / demo-pass-1 · test.john / john-pass-1 (email code: see the mailbox below) · roxie / roxie-pass-1 (TOTP secret JBSWY3DPEHPK3PXP)',
  );
  console.log(`Mailbox for emailed codes: ${api.url}/_dev/mailbox?to=test.john@test.com`);

  // A managed-install servers.json puts the demo server in the list on first run.
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'servers.json'), JSON.stringify({ 'Demo server': api.url }, null, 2));

  const electron = electronBinary(root);
  if (electron) {
    console.log('Starting the Electron app…');
    const child = spawn(electron, [root], { stdio: 'inherit', env: { ...process.env, AM_DATA_DIR: dataDir } });
    // When the app quits, the demo server goes too; an exit handler has nobody to hand this to.
    child.on('exit', () => void api.close().finally(() => process.exit(0)));
    return;
  }

  const { url } = await launchBrowserHost({ dataDir, port: webPort, afterStop: () => api.close() });
  console.log('No Electron binary here: serving the same app to your browser.');
  console.log(`Open: ${url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
