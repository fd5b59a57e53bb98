/**
 * The core as its users see it: the one module the shells (electron/main, electron/browser-host)
 * and the tools import from the core. What is not here is the core's own business, free to
 * change without touching a shell; lint (`tools/eslint/layers.js`) refuses a deep import from
 * them. Tests test the layer they sit in and may reach inside.
 */

// The core itself.
export { createCore, startCore, type Core, type CoreOptions } from './createCore';
export type { NetworkQuestions, ShellNetwork, ShellNetworkFactory } from './network/transport';
export type { AppLinkFacts, AppLinkRegistration, UpdateFacts } from './appInfo';
export type { DisplayInfo, WindowState } from './windowState';

// What a shell gives it: the keychain (or a vault in memory, for tools), and where its log goes.
export { KeychainVault } from './vault/keychainVault';
export { MemoryVault } from './vault/memoryVault';
export type { Vault } from './vault/vault';
export { Logger, parseLogLevel, type LogSink } from './log/logger';
export { logLine } from './log/logLine';
export { redact } from './redact';

// Facts both shells share: the app's identity, the links it opens, the renderer it serves.
export { appId, productName } from './appIdentity';
export { isHelpLink } from './externalLinks';
export { contentSecurityPolicy, readRendererFile } from './rendererBundle';

// For tools/bench, which writes a data folder as the app leaves it and times the directory's store.
export { systemClock } from './clock';
export { openDatabase, type DatabaseStorage } from './db/openDatabase';
export { AccountRepository } from './accounts/accountRepository';
export { ProfileCache } from './profile/profileCache';
export { PeopleStore } from './people/peopleStore';
export { directoryWriterFileName } from './people/writer/writerFile';
export type { WriterThreadEntry } from './people/writer/workerWriter';
