import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
// The layer rule reads imports, not types: the type-aware rules (and the TypeScript project they
// need, which the made-up files of these cases are not part of) stay out.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { project: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      'promises/void-says-why': 'off',
    },
  },
});

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'layers/layers').map((message) => message.message);
}

describe('lint: the layer table of docs/architecture.md', () => {
  it.each([
    ['renderer/src/x.ts', "import { createCore } from '../../electron/core/createCore';\nexport const x = createCore;"],
    ['renderer/src/x.ts', "import fs from 'node:fs';\nexport const x = fs;"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;"],
    ['electron/core/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['electron/core/x.ts', "import { bindContract } from '../main/ipcBridge';\nexport const x = bindContract;"],
    ['shared/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;"],
    ['shared/x.ts', "import { x as y } from '../renderer/src/y';\nexport const x = y;"],
    ['electron/preload/x.ts', "import { createCore } from '../core/createCore';\nexport const x = createCore;"],
    ['electron/browser-host/x.ts', "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;"],
    ['tools/users-api/src/x.ts', "import { channels } from '../../../shared/contract';\nexport const x = channels;"],
    ['electron/core/x.ts', "import { makeTempDir } from '../../tests/support/tempDir';\nexport const x = makeTempDir;"],
    // Inside the core: adapters never import services, services only downward, peers never each other.
    ['electron/core/usersApi/x.ts', "import { AccountsService } from '../accounts/accountsService';\nexport const x = AccountsService;"],
    ['electron/core/db/x.ts', "import { OutboxStore } from '../sync/outboxStore';\nexport const x = OutboxStore;"],
    ['electron/core/vault/x.ts', "import { createCore } from '../createCore';\nexport const x = createCore;"],
    ['electron/core/accounts/x.ts', "import { ProfileService } from '../profile/profileService';\nexport const x = ProfileService;"],
    ['electron/core/people/x.ts', "import { OutboxStore } from '../sync/outboxStore';\nexport const x = OutboxStore;"],
    ['electron/core/sync/x.ts', "import { SecurityService } from '../security/securityService';\nexport const x = SecurityService;"],
    ['electron/core/clock.ts', "import { UsersApiClient } from './usersApi/usersApiClient';\nexport const x = UsersApiClient;"],
    // The network service uses the adapters only; the HTTP client never reaches up to it.
    ['electron/core/network/x.ts', "import { AccountsService } from '../accounts/accountsService';\nexport const x = AccountsService;"],
    ['electron/core/usersApi/x.ts', "import { CertificateTrust } from '../network/certificateTrust';\nexport const x = CertificateTrust;"],
    // Tests obey the rule of the layer they sit in.
    ['electron/core/sync/x.test.ts', "import { createCore } from '../createCore';\nexport const x = createCore;"],
    [
      'electron/core/usersApi/x.test.ts',
      "import { AccountsService } from '../accounts/accountsService';\nexport const x = AccountsService;",
    ],
    ['renderer/src/stores/x.test.ts', "import { createCore } from '../../../electron/core/createCore';\nexport const x = createCore;"],
    // The shells and the tools use the core through electron/core/index.ts only.
    ['electron/main/x.ts', "import { createCore } from '../core/createCore';\nexport const x = createCore;"],
    ['electron/browser-host/x.ts', "import type { Logger } from '../core/log/logger';\nexport type X = Logger;"],
    ['tools/bench/x.ts', "import { PeopleStore } from '../../electron/core/people/peopleStore';\nexport const x = PeopleStore;"],
    ['tools/x.ts', "export { createCore } from '../electron/core/createCore';"],
  ])('reports %s importing across the table', async (file, code) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Bad layering: /);
  });

  it.each([
    [
      'renderer/src/x.ts',
      "import type { AppInfo } from '../../shared/contract';\nimport { create } from 'zustand';\nexport const x: AppInfo | null = null;\nexport const y = create;",
    ],
    [
      'electron/core/x.ts',
      "import Database from 'better-sqlite3';\nimport { ok } from '../../shared/errors';\nexport const x = [Database, ok];",
    ],
    ['electron/main/x.ts', "import { app } from 'electron';\nimport { createCore } from '../core';\nexport const x = [app, createCore];"],
    [
      'electron/preload/x.ts',
      "import { contextBridge } from 'electron';\nimport { channelNames } from '../../shared/contract';\nexport const x = [contextBridge, channelNames];",
    ],
    ['shared/x.ts', "import { z } from 'zod';\nimport { ok } from './errors';\nexport const x = [z, ok];"],
    [
      'electron/core/sync/x.ts',
      "import { ProfileService } from '../profile/profileService';\nimport type { Clock } from '../clock';\nimport { fetchMe } from '../usersApi/authApi';\nexport const x = [ProfileService, fetchMe];\nexport type C = Clock;",
    ],
    ['electron/core/createCore2.ts', "import { OutboxStore } from './sync/outboxStore';\nexport const x = OutboxStore;"],
    [
      'electron/core/db/x.test.ts',
      "import { describe } from 'vitest';\nimport { makeTempDir } from '../../../tests/support/tempDir';\nexport const x = [describe, makeTempDir];",
    ],
    [
      'electron/core/flows/x.test.ts',
      "import { createCore } from '../createCore';\nimport { startUsersApi } from '../../../tools/users-api/src/index';\nexport const x = [createCore, startUsersApi];",
    ],
    ['electron/browser-host/x.ts', "import { createCore } from '../core/index';\nexport const x = createCore;"],
    ['tools/bench/x.ts', "import { createCore, MemoryVault } from '../../electron/core';\nexport const x = [createCore, MemoryVault];"],
    // Tests test the layer they sit in: a shell's test may reach inside the core.
    ['electron/main/x.test.ts', "import { MemoryVault } from '../core/vault/memoryVault';\nexport const x = MemoryVault;"],
  ])('accepts %s importing what the table allows', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
