import type { AppInfo } from '../../shared/contract';
import type { OpenedDatabase } from './db/openDatabase';
import type { Vault } from './vault/vault';

/** What the desktop shell knows about updates; the core says it in words. */
export type UpdateFacts = { state: 'on' } | { state: 'off'; why: 'not-packaged' | 'no-feed' | 'environment' | 'policy' };

/** Who opens rocketchat:// links on this computer, as the desktop shell learned it from the system. */
export type AppLinkFacts = { handler: 'this-app' } | { handler: 'other-app'; name: string } | { handler: 'unregistered' };

/** The desktop shell's side of rocketchat:// links: what the system said last, and asking it for them. */
export interface AppLinkRegistration {
  status(): AppLinkFacts;
  claim(): AppLinkFacts;
}

export interface AppInfoDeps {
  version: string;
  dataDir: string;
  shell: AppInfo['shell'];
  database: OpenedDatabase;
  vault: Vault;
  updates?: UpdateFacts;
  appLinks?: AppLinkRegistration;
}

/** What the About / Diagnostics screen shows: enough to answer "what is this app doing?". */
export async function readAppInfo(deps: AppInfoDeps): Promise<AppInfo> {
  const { database } = deps;
  return {
    version: deps.version,
    dataDir: deps.dataDir,
    database: {
      path: database.path,
      schemaVersion: database.schemaVersion,
      ...(database.recovered ? { recovered: database.recovered } : {}),
      storage: { state: database.storage, message: storageWords[database.storage] },
    },
    keychain: await deps.vault.status(),
    shell: deps.shell,
    ...(deps.updates ? { updates: describeUpdates(deps.updates) } : {}),
    ...(deps.appLinks ? { appLinks: describeAppLinks(deps.appLinks.status()) } : {}),
  };
}

const storageWords: Record<OpenedDatabase['storage'], string> = {
  encrypted: 'Encrypted on this computer, with a key kept in the system keychain.',
  memory:
    'In memory for this session only: without the system keychain there is no key to encrypt it with, so nothing is written to disk. ' +
    'What the app shows now is gone when it closes; data saved earlier stays on disk, unread, until the keychain is back.',
  plain: 'Not encrypted: this core was started without a key (a test set-up).',
};

const updateWords: Record<'on' | Extract<UpdateFacts, { state: 'off' }>['why'], string> = {
  on: 'Checked a little after start and then once a day. A new version downloads in the background and is installed when you restart.',
  'not-packaged': 'Not checked: this copy runs from its source folder, not from an installed package.',
  'no-feed': 'Not set up for this build: it does not look for new versions. Install new versions by hand.',
  environment: 'Turned off on this computer (AM_DISABLE_UPDATES=1).',
  policy: 'Turned off by your organisation (the policy file of this installation).',
};

export function describeUpdates(facts: UpdateFacts): NonNullable<AppInfo['updates']> {
  return { enabled: facts.state === 'on', message: updateWords[facts.state === 'on' ? 'on' : facts.why] };
}

/** Only an OAuth sign-in comes back through a rocketchat:// link (docs/sign-in.md §10); the others never need one. */
const withoutTheLink =
  'After an OAuth single sign-on, copy the rocketchat:// link your browser shows and paste it in the sign-in screen. ' +
  'Password, LDAP, Crowd, CAS, SAML and access-token sign-ins work as usual.';

export function describeAppLinks(facts: AppLinkFacts): NonNullable<AppInfo['appLinks']> {
  switch (facts.handler) {
    case 'this-app':
      return {
        handledHere: true,
        canClaim: false,
        message: 'rocketchat:// sign-in links open in this app: an OAuth single sign-on finishes by itself.',
      };
    case 'other-app':
      return {
        handledHere: false,
        canClaim: true,
        message: `rocketchat:// links open in ${appName(facts.name)}, not in this app. ${withoutTheLink}`,
      };
    case 'unregistered':
      return {
        handledHere: false,
        canClaim: true,
        message: `This computer did not let the app open rocketchat:// links. ${withoutTheLink}`,
      };
  }
}

/** The system names an app its own way ("Rocket.Chat", "rocketchat-desktop.desktop", a path): a name a person knows. */
function appName(name: string): string {
  const base = name.trim().split(/[\\/]/).pop() ?? '';
  const bare = base.replace(/\.(desktop|app|exe)$/i, '').trim();
  return bare ? bare : 'another app';
}
