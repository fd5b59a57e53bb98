import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkSocketRequest, devOriginOf } from './socketGate';

const origin = 'http://127.0.0.1:4700';
const devOrigin = 'http://127.0.0.1:5173';
const secret = 'per-launch-secret';

/** An upgrade request as the host receives it (only what the gate reads). */
function upgrade({ from, key = secret, host = '127.0.0.1:4700' }: { from: string; key?: string; host?: string }): IncomingMessage {
  return { url: `/ipc?secret=${encodeURIComponent(key)}`, headers: { host, origin: from } } as IncomingMessage;
}

describe('the socket gate and the dev server', () => {
  it('takes the dev server’s page only when told its origin', () => {
    expect(checkSocketRequest(upgrade({ from: devOrigin }), origin, secret)).toEqual({
      allowed: false,
      status: 403,
      reason: 'wrong origin',
    });
    expect(checkSocketRequest(upgrade({ from: devOrigin }), origin, secret, devOrigin)).toEqual({ allowed: true });
    expect(checkSocketRequest(upgrade({ from: origin }), origin, secret, devOrigin)).toEqual({ allowed: true });
  });

  it('takes no other origin when told one, and still wants the secret and its own Host', () => {
    expect(checkSocketRequest(upgrade({ from: 'http://127.0.0.1:5174' }), origin, secret, devOrigin)).toMatchObject({ status: 403 });
    expect(checkSocketRequest(upgrade({ from: 'http://localhost:5173' }), origin, secret, devOrigin)).toMatchObject({ status: 403 });
    expect(checkSocketRequest(upgrade({ from: devOrigin, key: 'guess' }), origin, secret, devOrigin)).toMatchObject({ status: 401 });
    expect(checkSocketRequest(upgrade({ from: devOrigin, key: '' }), origin, secret, devOrigin)).toMatchObject({ status: 401 });
    expect(checkSocketRequest(upgrade({ from: devOrigin, host: '127.0.0.1:5173' }), origin, secret, devOrigin)).toMatchObject({
      status: 403,
      reason: 'wrong host',
    });
  });

  it('takes as the dev origin only plain http on 127.0.0.1 with a port', () => {
    expect(devOriginOf(devOrigin)).toBe(devOrigin);
    for (const wrong of [
      'http://localhost:5173',
      'https://127.0.0.1:5173',
      'http://127.0.0.1',
      'http://127.0.0.1:5173/',
      'http://0.0.0.0:5173',
      '*',
    ]) {
      expect(() => devOriginOf(wrong)).toThrow("The dev server's origin must be http://127.0.0.1:<port>");
    }
  });
});
