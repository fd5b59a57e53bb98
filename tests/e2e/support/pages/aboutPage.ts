import type { Locator, Page } from '@playwright/test';
import { goTo } from './navigation';

/** About and diagnostics: the version, where data lives, the keychain, the network per server. */
export class AboutPage {
  readonly heading: Locator;
  readonly appVersion: Locator;
  readonly dataDir: Locator;
  readonly schemaVersion: Locator;
  readonly keychainStatus: Locator;
  readonly storageRecovered: Locator;
  /** The network settings of the server shown: proxy, trusted certificate, client certificate. */
  readonly networkServer: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'About and diagnostics' });
    this.appVersion = page.getByTestId('app-version');
    this.dataDir = page.getByTestId('data-dir');
    this.schemaVersion = page.getByTestId('schema-version');
    this.keychainStatus = page.getByTestId('keychain-status');
    this.storageRecovered = page.getByTestId('storage-recovered');
    this.networkServer = page.getByTestId('network-server');
  }

  async open(): Promise<void> {
    await goTo(this.page, 'About');
  }
}
