import type { Locator, Page } from '@playwright/test';
import { goTo } from './navigation';

/** Activity: edits waiting for the server, conflicts to decide, and what happened. */
export class ActivityPage {
  readonly outbox: Locator;
  readonly conflicts: Locator;
  readonly history: Locator;
  /** The number on the navigation entry: conflicts waiting. */
  readonly badge: Locator;
  readonly conflictDialog: Locator;

  constructor(private readonly page: Page) {
    this.outbox = page.getByTestId('outbox');
    this.conflicts = page.getByTestId('conflicts');
    this.history = page.getByTestId('history');
    this.badge = page.getByTestId('activity-badge');
    this.conflictDialog = page.getByTestId('conflict-dialog');
  }

  async open(): Promise<void> {
    await goTo(this.page, 'Activity');
  }

  /** Opens the first conflict's dialog and returns it. */
  async resolve(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Resolve…' }).click();
    return this.conflictDialog;
  }
}
