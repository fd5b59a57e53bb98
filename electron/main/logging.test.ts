import log from 'electron-log/node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Logger } from '../core/log/logger';
import { configureLogging, electronLogSink, maxLogBytes } from './logging';

describe('logging', () => {
  it('writes to logs/main.log in the user-data folder with tokens, passwords and codes removed, rotating by size', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'am-log-'));
    try {
      const logger = log.create({ logId: `test-${Date.now()}` });
      logger.transports.console.level = false;
      configureLogging(logger, dir);
      const token = 'Yq3v0sZlq1cZ4bDrXk3b7JxW9e0PqS2u8a6nT1mHc5E';
      logger.error('sign-in failed', { user: 'ann', password: 'hunter2', authToken: token });
      logger.warn(new Error(`request with X-Auth-Token: ${token} failed`));
      logger.info('x-2fa-code=123456 sent');
      const file = path.join(dir, 'logs', 'main.log');
      await expect.poll(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('x-2fa-code')).toBe(true);
      const text = fs.readFileSync(file, 'utf8');
      expect(text).toContain('sign-in failed');
      for (const secret of [token, 'hunter2', '123456']) expect(text).not.toContain(secret);
      expect(logger.transports.file.maxSize).toBe(maxLogBytes);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the core entries at their own level, one line each, scope first', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'am-log-'));
    try {
      const logger = log.create({ logId: `test-sink-${Date.now()}` });
      logger.transports.console.level = false;
      configureLogging(logger, dir);
      const core = new Logger({ sink: electronLogSink(logger), level: 'debug' }).child('outbox');
      core.debug('kicked');
      core.info('sent');
      core.warn('refreshing the profile failed', new Error('The server had a problem (HTTP 500).\nTry again later.'));
      core.error('internal error on outbox.send', new TypeError('boom'));
      const file = path.join(dir, 'logs', 'main.log');
      await expect.poll(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('boom')).toBe(true);
      const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
      expect(lines.map((line) => line.replace(/^\[[^\]]+\] /, ''))).toEqual([
        '[debug] [outbox] kicked',
        '[info]  [outbox] sent',
        '[warn]  [outbox] refreshing the profile failed: Error: The server had a problem (HTTP 500). Try again later.',
        '[error] [outbox] internal error on outbox.send: TypeError: boom',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
