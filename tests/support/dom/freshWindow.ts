import { vi } from 'vitest';
import { createFakeApi, type FakeApi } from '../fakeApi';

/**
 * A new window for one component test: every renderer module loads anew (so each store
 * starts empty, with no revisions or replies held from an earlier test), and the bridge
 * finds the fake contract API where the preload puts the real one. Import the component and
 * any store it uses with `await import(…)` after this, never at the top of the test file:
 * a static import would hold the previous test's stores.
 */
export function freshWindow(): FakeApi {
  vi.resetModules();
  const fake = createFakeApi();
  window.accountManager = fake.api;
  return fake;
}
