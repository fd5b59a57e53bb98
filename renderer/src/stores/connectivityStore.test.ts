import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../../tests/support/fakeApi';
import { createConnectivityStore } from './connectivityStore';

describe('connectivity store', () => {
  it('reads who is reachable and follows the changes', async () => {
    const fake = createFakeApi();
    const store = createConnectivityStore(() => fake.api);
    const stop = store.getState().follow();
    fake.succeed('connectivity.list', [{ serverId: 's1', online: false }]);
    await store.getState().load();
    expect(store.getState().online).toEqual({ s1: false });
    fake.emit('connectivity.changed', { serverId: 's1', online: true });
    fake.emit('connectivity.changed', { serverId: 's2', online: false });
    expect(store.getState().online).toEqual({ s1: true, s2: false });
    stop();
    expect(fake.listeners('connectivity.changed')).toBe(0);
  });
});
