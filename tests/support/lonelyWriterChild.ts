// A process whose only work is one write through the directory writer's thread (as the bench's
// sync child is, between pages): it must live until the thread answers. Prints the people saved.
import { openDatabase } from '../../electron/core/db/openDatabase';
import { silentLogger } from '../../electron/core/log/logger';
import { DirectoryStore } from '../../electron/core/people/directoryStore';
import { PeopleStore } from '../../electron/core/people/peopleStore';
import { inThreadWriter } from '../../electron/core/people/writer/directoryWriter';
import { workerWriter } from '../../electron/core/people/writer/workerWriter';
import { fakePeople } from './fakePeople';
import { writerThreadFromSource } from './writerThread';

const opened = openDatabase({ dataDir: process.argv[2]!, clock: { now: () => 1 } });
opened.db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1)");
const writer = workerWriter(
  writerThreadFromSource,
  { file: opened.path, key: null },
  inThreadWriter(opened.db, { people: new PeopleStore(opened.db), directory: new DirectoryStore(opened.db) }, { yieldBetweenSteps: true }),
  silentLogger,
);
// No top-level await: this file runs as CommonJS under tsx, as the bench's bundles do.
void writer.savePage({ serverId: 's', documents: fakePeople(100), round: 1, now: 1 }, null, 4).then(async () => {
  process.stdout.write(String(new PeopleStore(opened.db).listedCount('s')));
  await writer.close();
});
