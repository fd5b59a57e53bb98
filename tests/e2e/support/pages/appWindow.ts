import { expect, type Page } from '@playwright/test';
import { AboutPage } from './aboutPage';
import { AccountList } from './accountList';
import { ActivityPage } from './activityPage';
import { AddServerPage } from './addServerPage';
import { HomePage } from './homePage';
import { goTo, type Screen } from './navigation';
import { PeoplePage } from './peoplePage';
import { PreferencesPage } from './preferencesPage';
import { SecurityPage } from './securityPage';
import { SignInPage } from './signInPage';

/** What AppWindow needs of the app under test (fixtures.ts). */
export interface AppToDrive {
  open(page: Page): Promise<void>;
  typedSecrets: string[];
}

/** Someone to sign in as: a demo account of tests/support/usersApiServer.ts, or any other. */
export interface Person {
  user: string;
  password: string;
}

/** The app's window as a person sees it: one object per screen, and the steps that span screens. */
export class AppWindow {
  readonly addServer: AddServerPage;
  readonly signIn: SignInPage;
  readonly home: HomePage;
  readonly people: PeoplePage;
  readonly security: SecurityPage;
  readonly preferences: PreferencesPage;
  readonly activity: ActivityPage;
  readonly about: AboutPage;
  readonly accounts: AccountList;

  constructor(
    readonly page: Page,
    private readonly app: AppToDrive,
  ) {
    this.addServer = new AddServerPage(page);
    this.signIn = new SignInPage(page, app.typedSecrets);
    this.home = new HomePage(page);
    this.people = new PeoplePage(page);
    this.security = new SecurityPage(page);
    this.preferences = new PreferencesPage(page);
    this.activity = new ActivityPage(page);
    this.about = new AboutPage(page);
    this.accounts = new AccountList(page);
  }

  /** Opens the app at the browser host's address. */
  async open(): Promise<void> {
    await this.app.open(this.page);
  }

  async goTo(screen: Screen): Promise<void> {
    await goTo(this.page, screen);
  }

  /**
   * Adds the server at `url`, signs in with the password form, answers the second factor with
   * `code` when one is given, and waits for the profile.
   */
  async signInAs(url: string, person: Person, options: { code?: () => Promise<string> } = {}): Promise<void> {
    await this.addServer.add(url);
    await this.signIn.withPassword(person.user, person.password);
    if (options.code) {
      await expect(this.signIn.code).toBeVisible();
      const answer = await options.code();
      this.app.typedSecrets.push(answer);
      await this.signIn.enterCode(answer);
    }
    await this.home.expectProfile();
  }
}
