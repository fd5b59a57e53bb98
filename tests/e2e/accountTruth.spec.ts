import { expect, test } from './support/fixtures';

test('a new name shows in the heading and the account list once saved, and after a reload', async ({ page, signedIn: ui }) => {
  const item = ui.accounts.items.filter({ hasText: 'Demo Üser' });
  await ui.home.editProfile({ Name: 'Demo Üser' });
  await expect(ui.home.pendingMarks).toHaveCount(0);
  await expect(ui.home.profileHeading('Demo Üser')).toBeVisible();
  await expect(item).toHaveCount(1);
  await expect(ui.accounts.menuButton('Demo Üser')).toBeVisible();

  await page.reload();
  await expect(ui.home.profileHeading('Demo Üser')).toBeVisible();
  await expect(item).toHaveCount(1);
});
