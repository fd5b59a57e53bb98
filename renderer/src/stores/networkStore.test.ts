import { describe, expect, it } from 'vitest';
import { createFakeApi, repliesRun } from '../../../tests/support/fakeApi';
import type { NetworkInfo, NetworkPrompt } from '../../../shared/networkSchemas';
import { createNetworkStore } from './networkStore';

const info = (pinned: boolean): NetworkInfo => ({
  proxySource: 'environment',
  servers: [
    {
      serverId: 's1',
      name: 'chat',
      url: 'https://chat.example',
      proxy: 'Direct connection (no proxy)',
      clientCertificate: null,
      pinned: pinned
        ? {
            origin: 'https://chat.example',
            fingerprint: 'AB',
            subject: 'CN=chat',
            issuer: 'CN=CA',
            validTo: '2030-01-01',
            pinnedAt: '2026-01-01',
          }
        : null,
    },
  ],
});
const prompt: NetworkPrompt = { promptId: 'p1', kind: 'proxy-sign-in', proxy: 'proxy.corp:3128', realm: 'Corp', again: false };

describe('network store', () => {
  it('holds the questions the shell waits on, from the list and from events, and drops one once answered', async () => {
    const fake = createFakeApi();
    const store = createNetworkStore(() => fake.api);
    const stop = store.getState().follow();
    fake.succeed('network.prompts', [prompt]);
    await store.getState().loadPrompts();
    const second: NetworkPrompt = { ...prompt, promptId: 'p2', again: true };
    fake.emit('network.prompt', second);
    fake.emit('network.prompt', second);
    expect(store.getState().prompts.map((entry) => entry.promptId)).toEqual(['p1', 'p2']);
    fake.succeed('network.answerPrompt', {});
    await store.getState().answer('p1', { username: 'ann', password: 'pw' });
    expect(store.getState().prompts.map((entry) => entry.promptId)).toEqual(['p2']);
    expect(fake.requests('network.answerPrompt')).toEqual([{ promptId: 'p1', answer: { username: 'ann', password: 'pw' } }]);
    stop();
    expect(fake.listeners('network.prompt')).toBe(0);
  });

  it('reloads the About facts after a trust or a revoke, and when another change is announced', async () => {
    const fake = createFakeApi();
    const store = createNetworkStore(() => fake.api);
    const stop = store.getState().follow();
    fake.succeed('network.info', info(false));
    await store.getState().loadInfo();
    fake.succeed('network.info', info(true));
    fake.emit('certificates.changed', { origin: 'https://chat.example' });
    await repliesRun();
    expect(store.getState().info?.servers[0]?.pinned?.fingerprint).toBe('AB');
    fake.succeed('certificates.revoke', {});
    fake.succeed('network.info', info(false));
    await store.getState().revoke('https://chat.example');
    await repliesRun();
    expect(store.getState().info?.servers[0]?.pinned).toBeNull();
    stop();
  });
});
