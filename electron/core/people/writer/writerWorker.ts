// The directory writer's thread (workerWriter.ts starts it): its own connection to the cache,
// running the sync's writes and index merges so the window's thread never waits on SQLite.
// Bundled as its own file next to the main bundle (tools/build/writerWorkerBundle.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { openConnection } from '../../db/openDatabase';
import { DirectoryStore } from '../directoryStore';
import { PeopleStore } from '../peopleStore';
import { inThreadWriter } from './directoryWriter';
import type { WriterReply, WriterRequest, WriterWorkerData } from './writerMessages';

const port = parentPort!;
const send = (reply: WriterReply) => port.postMessage(reply);
const { file, key, sqliteBinding } = workerData as WriterWorkerData;

let db: ReturnType<typeof openConnection>;
let writer: ReturnType<typeof inThreadWriter>;
try {
  db = openConnection(file, sqliteBinding, key);
  // Its statements are prepared here too: a file without the app's tables is as unusable as a locked one.
  writer = inThreadWriter(db, { people: new PeopleStore(db), directory: new DirectoryStore(db) }, { yieldBetweenSteps: false });
} catch (error) {
  send({ kind: 'unusable', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

// Requests arrive in order and each runs to its end before the next: the sync awaits each.
port.on('message', (request: WriterRequest) => {
  if (request.operation === 'close') {
    db.close();
    send({ kind: 'done', id: request.id, value: null });
    port.close();
    return;
  }
  const run = writer[request.operation] as (...args: unknown[]) => Promise<unknown>;
  run(...request.args).then(
    (value) => send({ kind: 'done', id: request.id, value }),
    (error: unknown) => {
      const code = (error as { code?: unknown } | null)?.code;
      send({
        kind: 'failed',
        id: request.id,
        message: error instanceof Error ? error.message : String(error),
        ...(typeof code === 'string' ? { code } : {}),
      });
    },
  );
});
send({ kind: 'ready' });
