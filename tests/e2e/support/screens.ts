import type { Page } from '@playwright/test';
import path from 'node:path';
import { expect, expectAccessible } from './fixtures';

/** Where every screen's picture goes: Playwright's output folder, kept by CI (see README "Tests"). */
export const screenshotDir = path.resolve(import.meta.dirname, '../../../test-results/screenshots');

export const viewports = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
] as const;
export const themes = ['light', 'dark'] as const;

/** Text a person must never read: system error codes (ECONNREFUSED, ERR_SSL_…, UND_ERR_…). */
export const rawCode = /E[A-Z_]{3,}|ERR_|UND_ERR/;

/**
 * What the page shows now, at both window sizes and in both themes: a PNG each, an axe
 * check each (moderate and worse). Leaves the page at 1280×800, light. Something placed for
 * the window when it opens (a popover) is opened by `open` at each size and closed by `close`.
 */
export async function everyWay(
  page: Page,
  name: string,
  { open, close }: { open?(): Promise<void>; close?(): Promise<void> } = {},
): Promise<void> {
  for (const viewport of viewports) {
    for (const theme of themes) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: theme });
      await open?.();
      await page.screenshot({ path: path.join(screenshotDir, `${name}-${viewport.width}x${viewport.height}-${theme}.png`) });
      await expectAccessible(page);
      await close?.();
    }
  }
  await page.setViewportSize(viewports[0]);
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The page's visible text carries no system error code (a closed "Details" disclosure is not visible text). */
export async function expectNoRawCodes(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text.match(rawCode)?.[0] ?? null, `a raw code on screen in: ${text.slice(0, 400)}`).toBeNull();
}
