import type { AccountManagerApi, EventName } from '../../../shared/contract';
import { fail, type Result } from '../../../shared/errors';
import { socketPath, type HostFrame } from '../../../shared/socketFrames';
import { hostAnswers, type HostLink } from './hostLink';

type Pending = (result: Result<unknown>) => void;

/**
 * The browser host's version of `window.accountManager`: the same functions, carried
 * over a WebSocket. Calls made before the socket opens wait for it; if it closes,
 * waiting calls fail with `network-unreachable` instead of hanging. `report` hears how the
 * link stands (hostLink.ts), so the page can say why it cannot reach the app.
 */
export function createSocketApi(location: Location, secret: string, report: (link: HostLink) => void = () => undefined): AccountManagerApi {
  const socketUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${socketPath}?secret=${encodeURIComponent(secret)}`;
  const socket = new WebSocket(socketUrl);
  report({ state: 'connecting' });
  const opened = new Promise<boolean>((resolve) => {
    socket.addEventListener('open', () => resolve(true), { once: true });
    socket.addEventListener('close', () => resolve(false), { once: true });
  });
  // The link's state reaches the page through report(); nobody waits for the socket here.
  void opened.then((wasOpen) => {
    if (wasOpen) report({ state: 'open' });
    // hostAnswers never rejects (a failed probe is "not running").
    else void hostAnswers(location.origin).then((hostRunning) => report({ state: 'refused', hostRunning }));
  });
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (message) => {
    let frame: HostFrame;
    try {
      frame = JSON.parse(String(message.data)) as HostFrame;
    } catch {
      return; // Not a frame from our host; nothing waits for it.
    }
    if (frame.type === 'result') {
      pending.get(frame.id)?.(frame.result as Result<unknown>);
      pending.delete(frame.id);
    } else {
      listeners.get(frame.event)?.forEach((listener) => listener(frame.payload));
    }
  });
  socket.addEventListener('close', () => {
    // Whether the host stopped or started again (with a new key) cannot be told apart
    // reliably while it may still be shutting down: the page says both (HostLostBanner).
    void opened.then((wasOpen) => wasOpen && report({ state: 'lost' }));
    for (const settle of pending.values()) {
      settle(fail('network-unreachable', 'The connection to the app was lost.'));
    }
    pending.clear();
  });

  const call = async (channel: string, request: unknown): Promise<Result<unknown>> => {
    if (!(await opened) || socket.readyState !== WebSocket.OPEN) {
      return fail('network-unreachable', 'The app is not reachable. Is the browser host still running?');
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ type: 'call', id, channel, payload: request }));
    });
  };

  const on = (event: EventName, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };
  // A proxy instead of a list of channel names keeps the contract's schemas (and zod)
  // out of the renderer bundle; the core rejects any name the contract does not know.
  return new Proxy({} as AccountManagerApi, {
    get: (_target, name) => {
      if (name === 'on') return on;
      // Not a channel: keeps the proxy from looking like a promise or an iterable.
      if (typeof name === 'symbol' || name === 'then') return undefined;
      return (request: unknown) => call(name, request);
    },
  });
}
