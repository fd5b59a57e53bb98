import { describe, expect, it } from 'vitest';
import { createFakeApi, repliesRun } from '../../../tests/support/fakeApi';
import { createServersStore } from './serversStore';

const server = { id: 's1', url: 'https://chat.example.com', name: 'chat.example.com', version: '7.0.0', addedAt: '2025-01-01' };
const managed = { id: 's0', url: 'http://127.0.0.1:3000', name: 'Demo server', version: null, addedAt: '2025-01-01' };

describe('servers store', () => {
  it('lists the servers the app knows', async () => {
    const fake = createFakeApi();
    const store = createServersStore(() => fake.api);
    fake.succeed('servers.list', [managed]);
    await store.getState().load();
    expect(store.getState().servers).toEqual([managed]);
  });

  it('adds a server by its address, answers with what the core found, and lists it', async () => {
    const fake = createFakeApi();
    const store = createServersStore(() => fake.api);
    fake.succeed('servers.add', server);
    fake.succeed('servers.list', [managed, server]);
    expect(await store.getState().add('chat.example.com')).toEqual({ ok: true, value: server });
    expect(fake.requests('servers.add')).toEqual([{ url: 'chat.example.com' }]);
    await repliesRun();
    expect(store.getState().servers.map((known) => known.name)).toEqual(['Demo server', 'chat.example.com']);
  });

  it('a failed add lists nothing new', async () => {
    const fake = createFakeApi();
    const store = createServersStore(() => fake.api);
    fake.answer('servers.add', async () => ({ ok: false, error: { code: 'network-unreachable', message: 'No.' } }));
    await store.getState().add('nowhere.example');
    expect(fake.requests('servers.list')).toEqual([]);
  });
});
