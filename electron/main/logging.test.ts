import log from 'electron-log/node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureLogging, maxLogBytes } from './logging';

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
});
