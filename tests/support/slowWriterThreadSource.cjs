// The directory writer's thread from source (as writerThreadSource.cjs), each save held for
// eight seconds before it runs (longer than a failing page takes to surface), the file
// `<database>-held` there while it is: for tests of what happens while a save is on its way.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file: require is how it loads */
require('tsx/cjs');
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');

const listen = parentPort.on.bind(parentPort);
const held = new Int32Array(new SharedArrayBuffer(4));
parentPort.on = (event, listener) =>
  listen(event, (message) => {
    const holding = event === 'message' && message.operation === 'savePage';
    if (holding) {
      fs.writeFileSync(`${workerData.file}-held`, '');
      Atomics.wait(held, 0, 0, 8000);
    }
    listener(message); // a save runs to its commit within
    if (holding) fs.rmSync(`${workerData.file}-held`);
  });
require('../../electron/core/people/writer/writerWorker.ts');
