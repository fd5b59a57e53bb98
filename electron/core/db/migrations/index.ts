import type { Migration } from '../migration';
import { migration001 } from './001_servers_accounts';

/** In order; each step's version is one more than the previous. */
export const migrations: readonly Migration[] = [migration001];
