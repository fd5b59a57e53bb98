import { expect } from '@playwright/test';
import { demo, type TestServer } from '../../support/usersApiServer';
import type { AppWindow } from './pages/appWindow';

/**
 * demouser's bio edited here while the server cannot be reached ("My words") and on the server
 * meanwhile ("Their words"): once the server is back, the outbox finds a conflict to show.
 */
export async function bioConflict(ui: AppWindow, usersApi: TestServer): Promise<void> {
  try {
    await usersApi.dropConnections();
    await ui.home.refresh();
    await expect(ui.home.offlineBanner).toBeVisible();
    await ui.home.editProfile({ Bio: 'My words' });
    await usersApi.changeUser(demo.plain.userId, { bio: 'Their words' });
  } finally {
    await usersApi.restore();
  }
}
