import type { Migration } from '../migration';
import { migration001 } from './001_servers_accounts';
import { migration002 } from './002_profiles';
import { migration003 } from './003_people';

/** In order; each step's version is one more than the previous. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003];
