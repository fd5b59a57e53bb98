// P1 child: the storage side of an offline start — open (and migrate-check) the database,
// find the active account, read its cached profile. The document was sanitised and checked
// when it was stored; the contract's zod parse on the way to the window is not part of
// this figure (zod alone costs ~35 ms to load, see README "Benchmarks").
import { AccountRepository } from '../../../electron/core/accounts/accountRepository';
import { systemClock } from '../../../electron/core/clock';
import { openDatabase } from '../../../electron/core/db/openDatabase';
import { ProfileCache } from '../../../electron/core/profile/profileCache';

// Milliseconds since this process began: everything before is Node start plus module loading.
const bodyAt = performance.now();

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: offlineStart <dataDir>');
const { db } = openDatabase({ dataDir, clock: systemClock });
const repository = new AccountRepository(db);
const accounts = repository.accounts();
const activeId = repository.activeAccountId();
const cached = activeId ? new ProfileCache(db).get(activeId) : null;
const profile = cached ? (cached.document as { username?: string }) : null;
db.close();
// The parent checks the username: proof the profile was really read.
const report = { username: profile?.username ?? null, accounts: accounts.length, bodyAtMs: bodyAt, doneAtMs: performance.now() };
process.stdout.write(`${JSON.stringify(report)}\n`);
