import type { AccountsModule } from '../accounts/accountsModule';
import type { Handlers } from '../handlers';
import type { ModuleContext } from '../moduleContext';
import type { ProfileModule } from '../profile/profileModule';
import { DirectoryService } from './directoryService';
import { DirectoryStore } from './directoryStore';
import { PeopleSearch } from './peopleSearch';
import { PeopleService } from './peopleService';
import { PeopleStore } from './peopleStore';
import { inThreadWriter } from './writer/directoryWriter';
import type { WriterWorkerData } from './writer/writerMessages';
import { workerWriter, type WriterThreadEntry } from './writer/workerWriter';

/**
 * People: looked up one at a time on the server, and the server's whole directory copied for
 * searching here, offline too. A sync cut short resumes at start, after a sign-in and when the
 * server is back.
 */
export function peopleModule(
  context: ModuleContext,
  deps: {
    accounts: Pick<AccountsModule, 'accounts' | 'clientForAccount'>;
    profile: Pick<ProfileModule, 'rules'>;
    /** Where the sync's writes run when not on this thread (D118). */
    writerThread: { entry: WriterThreadEntry; data: WriterWorkerData } | null;
  },
) {
  const { db, clock, events, signals, log, disposables } = context;
  const { accounts, clientForAccount } = deps.accounts;
  const store = new PeopleStore(db);
  const people = new PeopleService({ store, accounts, clock, clientForAccount, rules: deps.profile.rules });
  const directoryStore = new DirectoryStore(db);
  const here = inThreadWriter(db, { people: store, directory: directoryStore }, { yieldBetweenSteps: true });
  const writer = deps.writerThread ? workerWriter(deps.writerThread.entry, deps.writerThread.data, here, log.child('directory')) : here;
  const directory = new DirectoryService({
    store: directoryStore,
    people: store,
    writer,
    search: new PeopleSearch(db),
    accounts,
    clock,
    events,
    clientForAccount,
    log: log.child('directory'),
  });
  disposables.add(() => directory.close());
  // Closing waits for nothing: the thread's last write either committed or never happened (WAL).
  disposables.add(() => void writer.close());

  disposables.add(
    signals.on('signedIn', ({ accountId, serverId }) => {
      directory.resumeUnfinished(serverId);
      // A sync the ended session stopped ("sign in again to sync") starts over now.
      if (directory.status(accountId).state === 'failed') directory.sync(accountId, true);
    }),
  );
  disposables.add(events.on('connectivity.changed', ({ serverId, online }) => online && directory.resumeUnfinished(serverId)));
  disposables.add(signals.on('sessionsRestored', () => directory.resumeUnfinished()));
  // A deleted account: its own entry goes; with the server's last account, the whole directory copy (D92).
  disposables.add(
    signals.on('accountDeleted', ({ accountId, serverId, userId, othersOnServer }) => {
      const heir = othersOnServer ? (accounts.list().accounts.find((a) => a.serverId === serverId)?.id ?? null) : null;
      store.forget(serverId, heir === null ? null : userId);
      directoryStore.forget(serverId, accountId, heir);
    }),
  );

  const handlers = {
    'people.lookup': (request) => people.lookup(request),
    'people.recent': ({ accountId }) => people.recent(accountId),
    'directory.status': ({ accountId }) => directory.status(accountId),
    'directory.sync': ({ accountId, force, maxPeople }) => directory.sync(accountId, force, maxPeople),
    'directory.search': ({ accountId, query, limit, after }) => directory.search(accountId, query, limit, after),
  } satisfies Handlers;

  return { handlers, releaseFiles: () => writer.close() };
}
