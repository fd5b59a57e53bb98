import type * as Crypto from 'node:crypto';
import type * as Net from 'node:net';

/**
 * Node built-ins the core loads on first use: node:crypto takes about 10 ms to load in a start (OpenSSL) and
 * node:net about 0.6 ms, and an offline start needs neither (bench P1, docs/decisions.md D52).
 */
export const nodeCrypto = (): typeof Crypto => process.getBuiltinModule('node:crypto');
export const nodeNet = (): typeof Net => process.getBuiltinModule('node:net');
