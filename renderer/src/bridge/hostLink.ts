import { useSyncExternalStore } from 'react';

/**
 * How this page reaches the app's core. Under Electron the preload's bridge cannot be
 * refused or lost, and the link stays 'open'. In a plain browser the browser host's
 * WebSocket can be refused (a tab kept from an earlier start of the host holds that start's
 * key) or lost (the host stopped, or was started again), and the page then says so rather
 * than showing screens that look empty or current.
 */
export type HostLink = { state: 'open' | 'connecting' } | { state: 'refused'; hostRunning: boolean } | { state: 'lost' };

let current: HostLink = { state: 'open' };
const listeners = new Set<() => void>();

export const currentHostLink = (): HostLink => current;

export function subscribeHostLink(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The link as it stands, for a component that shows it. */
export const useHostLink = (): HostLink => useSyncExternalStore(subscribeHostLink, currentHostLink);

export function setHostLink(link: HostLink): void {
  current = link;
  for (const listener of listeners) listener();
}

/**
 * Whether the browser host still serves this page's address. Asked when it refused the
 * socket: it served this page moments ago, so an answer means it runs and turned the key
 * down, and no answer means it stopped in between.
 */
export async function hostAnswers(origin: string, fetchPage: typeof fetch = fetch): Promise<boolean> {
  try {
    const response = await fetchPage(`${origin}/`, { method: 'HEAD', cache: 'no-store' });
    return response.ok;
  } catch {
    return false;
  }
}
