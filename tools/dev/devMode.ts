import { electronBinary } from './electronBinary';

export type DevMode = { kind: 'electron'; binary: string } | { kind: 'browser' };

/**
 * How `npm run dev` runs the app: in Electron where its binary is installed, otherwise in
 * the browser host; `browser` asks for the browser host anyway (the renderer's hot reload).
 */
export function devMode(root: string, { browser = false }: { browser?: boolean } = {}): DevMode {
  const binary = browser ? null : electronBinary(root);
  return binary ? { kind: 'electron', binary } : { kind: 'browser' };
}
