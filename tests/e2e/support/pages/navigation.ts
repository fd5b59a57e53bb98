import type { Page } from '@playwright/test';

/** The screens the main navigation leads to. */
export type Screen = 'Home' | 'People' | 'Activity' | 'Security' | 'Preferences' | 'About';

/** Clicks a screen's entry in the main navigation; waits for nothing (a question may stop the way there). */
export async function goTo(page: Page, screen: Screen): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: screen }).click();
}
