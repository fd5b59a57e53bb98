// One life of the app for the crash test: starts the core on a data folder, lets it
// resend what a previous life left, queues a few edits (announcing each only after
// profile.edit has returned, i.e. after it is in SQLite) and keeps sending until killed.
import { createCore } from '../../electron/core/createCore';
import { FileVault } from '../support/fileVault';

const [dataDir, vaultFile, accountId, run, plan] = process.argv.slice(2) as [string, string, string, string, string];
const edits = JSON.parse(plan) as { field: 'name' | 'nickname' | 'bio' | 'statusText'; value: string; waitMs: number }[];

const core = createCore({
  dataDir,
  vault: new FileVault(vaultFile),
  version: '1',
  shell: 'test',
  requestTimeoutMs: 3000,
  retryPolicy: { baseDelayMs: 5 },
});
await core.ready;
console.log('ready');
for (const edit of edits) {
  await new Promise((resolve) => setTimeout(resolve, edit.waitMs));
  console.log(`queuing ${JSON.stringify({ field: edit.field, value: edit.value })}`);
  const result = await core.dispatch('profile.edit', { accountId, changes: { [edit.field]: edit.value } });
  if (!result.ok) throw new Error(`run ${run}: edit refused: ${result.error.message}`);
  console.log(`queued ${JSON.stringify({ field: edit.field, value: edit.value })}`);
}
// Stay alive (sending) until the parent kills this process.
setInterval(() => undefined, 1000);
