// One life of the app for the crash test: starts the core on a data folder, lets it
// resend what a previous life left, queues a few edits (announcing each only after
// profile.edit has returned, i.e. after it is in SQLite), says when all is sent, and keeps
// running until killed.
import { createCore } from '../../electron/core/createCore';
import { callResult } from '../support/coreCall';
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
  const result = await callResult(core, 'profile.edit', { accountId, changes: { [edit.field]: edit.value } });
  if (!result.ok) throw new Error(`run ${run}: edit refused: ${result.error.message}`);
  console.log(`queued ${JSON.stringify({ field: edit.field, value: edit.value })}`);
}
// Says "settled" once nothing is left to send: a parent that kills this life only then knows
// its edits reached the server, however slow the machine.
const settled = async () => {
  const result = await callResult(core, 'outbox.get', { accountId });
  return result.ok && result.value.items.every((item) => !['pending', 'sending', 'waiting'].includes(item.state));
};
let announced = false;
const announce = async () => {
  if (!announced && (await settled())) {
    announced = true;
    console.log('settled');
  }
};
core.events.onAny((event) => {
  // The parent watches stdout for the line, not this promise.
  if (event === 'sync.changed') void announce();
});
await announce();
// Stay alive (sending) until the parent kills this process.
setInterval(() => undefined, 1000);
