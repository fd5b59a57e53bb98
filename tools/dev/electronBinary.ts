import fs from 'node:fs';
import path from 'node:path';

/**
 * The Electron binary npm installed under `root`, or null where it could not be downloaded
 * (as on our build machines): then the app runs in the browser host instead.
 */
export function electronBinary(root: string): string | null {
  const pathFile = path.join(root, 'node_modules/electron/path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(root, 'node_modules/electron/dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}
