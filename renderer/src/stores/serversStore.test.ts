import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../../tests/support/fakeApi';
import { createServersStore } from './serversStore';

describe('servers store', () => {
  it('adds a server by its address and answers with what the core found', async () => {
    const fake = createFakeApi();
    const store = createServersStore(() => fake.api);
    const server = { id: 's1', url: 'https://chat.example.com', name: 'chat.example.com', version: '7.0.0', addedAt: '2025-01-01' };
    fake.succeed('servers.add', server);
    expect(await store.getState().add('chat.example.com')).toEqual({ ok: true, value: server });
    expect(fake.requests('servers.add')).toEqual([{ url: 'chat.example.com' }]);
  });
});
