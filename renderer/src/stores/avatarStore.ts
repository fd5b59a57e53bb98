import { create } from 'zustand';
import type { ChannelResult } from '../../../shared/contract';
import { getApi, type ApiSource } from '../bridge/api';
import { createLatestReplies } from '../bridge/latestReply';

/** The key of an avatar as shown: a username as seen from one account. */
export const avatarKey = (accountId: string, username: string) => `${accountId}\n${username}`;

interface Watched {
  accountId: string;
  username: string;
  etag: string | undefined;
  watchers: number;
}

interface AvatarState {
  /** avatarKey → the saved image as a data: URL; null while none is saved (initials show). */
  images: Record<string, string | null>;
  /**
   * Shows an avatar: reads it from the core's cache now, and again whenever the core says
   * that person's avatar changed, until the returned stop is called.
   */
  watch(accountId: string, username: string, etag?: string): () => void;
  /** Uploads a new avatar for the account (online only; the core refreshes the saved copies). */
  upload(accountId: string, contentType: string, base64: string): Promise<ChannelResult<'profile.setAvatar'>>;
  /** Back to the server's default avatar. */
  reset(accountId: string): Promise<ChannelResult<'profile.resetAvatar'>>;
  /** Follows the core's `avatar.changed` events. Returns the unsubscribe. */
  follow(): () => void;
}

export function createAvatarStore(api: ApiSource) {
  return create<AvatarState>((set, get) => {
    const watched = new Map<string, Watched>();
    const latest = createLatestReplies();
    const load = async ({ accountId, username, etag }: Watched) => {
      const key = avatarKey(accountId, username);
      const current = latest.start(key);
      const answer = await api()['avatars.get']({ accountId, username, ...(etag ? { etag } : {}) });
      if (answer.ok && current()) set({ images: { ...get().images, [key]: answer.value.dataUrl } });
    };
    return {
      images: {},
      watch(accountId, username, etag) {
        const key = avatarKey(accountId, username);
        const entry = watched.get(key) ?? { accountId, username, etag, watchers: 0 };
        entry.etag = etag;
        entry.watchers += 1;
        watched.set(key, entry);
        // load() keeps the picture or its failure in the store; watching starts at once.
        void load(entry);
        return () => {
          entry.watchers -= 1;
          if (entry.watchers === 0 && watched.get(key) === entry) watched.delete(key);
        };
      },
      upload: (accountId, contentType, base64) => api()['profile.setAvatar']({ accountId, contentType, base64 }),
      reset: (accountId) => api()['profile.resetAvatar']({ accountId }),
      follow: () =>
        api().on('avatar.changed', (event) => {
          // The same for a picture that changed.
          for (const entry of watched.values()) if (entry.username === event.username) void load(entry);
        }),
    };
  });
}

export const useAvatars = createAvatarStore(getApi);

/** Keeps shown avatars in step with the core. Returns the unsubscribe. */
export const followAvatarChanges = () => useAvatars.getState().follow();
