import type { Migration } from '../migration';
import { migration001 } from './001_servers_accounts';
import { migration002 } from './002_profiles';
import { migration003 } from './003_people';
import { migration004 } from './004_directory';
import { migration005 } from './005_avatars';
import { migration006 } from './006_outbox';
import { migration007 } from './007_sign_in_kind';
import { migration008 } from './008_network_trust';
import { migration009 } from './009_people_index';
import { migration010 } from './010_workspace_settings';
import { migration011 } from './011_preferences';
import { migration012 } from './012_not_kept';
import { migration013 } from './013_directory_changes';
import { migration014 } from './014_index_merge_width';

/** In order; each step's version is one more than the previous. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
];
