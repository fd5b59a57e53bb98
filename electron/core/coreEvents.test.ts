import { describe, expect, it } from 'vitest';
import { CoreEvents } from './coreEvents';

describe('CoreEvents', () => {
  it('gives an `on` listener the payloads of its event only, typed, until it unsubscribes', () => {
    const events = new CoreEvents();
    const messages: string[] = [];
    const stop = events.on('sync.attention', ({ message }) => messages.push(message));
    const servers: string[] = [];
    events.on('connectivity.changed', (payload) => {
      // @ts-expect-error connectivity.changed carries no message
      void payload.message;
      servers.push(`${payload.serverId}:${payload.online}`);
    });
    events.emit('sync.attention', { accountId: 'a1', kind: 'conflict', message: 'Bio was changed on the server too.' });
    events.emit('connectivity.changed', { serverId: 's1', online: false });
    stop();
    events.emit('sync.attention', { accountId: 'a1', kind: 'failed', message: 'not heard' });
    expect(messages).toEqual(['Bio was changed on the server too.']);
    expect(servers).toEqual(['s1:false']);
  });

  it('still hands `onAny` every event with its name, for the shells to forward', () => {
    const events = new CoreEvents();
    const seen: unknown[] = [];
    const stop = events.onAny((event, payload) => seen.push([event, payload]));
    events.emit('accounts.changed', {});
    events.emit('profile.changed', { accountId: 'a1' });
    stop();
    events.emit('accounts.changed', {});
    expect(seen).toEqual([
      ['accounts.changed', { revision: 1 }],
      ['profile.changed', { accountId: 'a1', revision: 1 }],
    ]);
  });
});
