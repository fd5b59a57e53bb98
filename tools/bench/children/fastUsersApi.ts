// The fast users API (../fastUsersApi.ts) in a process of its own, serving `count`
// generated people (the same fakePeople the parent checks against); `pageSize` makes it
// ignore `count` and send that many people per page, as a hostile server might.
import { fakePeople } from '../../../tests/support/fakePeople';
import { startFastUsersApi } from '../../../tests/support/fastUsersApi';

const [count, pageSize] = process.argv.slice(2).map(Number);
if (!count) throw new Error('usage: fastUsersApi <people> [pageSize]');
const api = await startFastUsersApi({ people: fakePeople(count), ...(pageSize ? { pageSize } : {}) });
// The process exits when the server has closed; nothing else waits.
process.on('SIGTERM', () => void api.close().then(() => process.exit(0)));
// The parent waits for exactly this line.
process.stdout.write(`listening on ${api.url}\n`);
