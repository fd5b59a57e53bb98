import { useEffect } from 'react';
import { avatarKey, useAvatars } from '../stores/avatarStore';
import { initialsOf } from './initialsOf';

export type AvatarSize = 'small' | 'medium' | 'large';

/**
 * A person's avatar from the core's cache (offline too), updated when the core says it
 * changed (an upload shows at once in the sidebar and on the page); initials until an
 * image is saved. One look everywhere: a circle of the size asked for. Decorative: the
 * name is always shown beside it. With `presence`, a status dot sits on its edge. While
 * `paused` (a long list's row not yet on screen), the image is not asked for.
 */
export function Avatar({
  accountId,
  username,
  etag,
  name,
  size = 'small',
  presence,
  paused = false,
}: {
  accountId: string;
  username: string | null | undefined;
  etag?: string;
  name: string;
  size?: AvatarSize;
  presence?: string | null;
  paused?: boolean;
}) {
  const watch = useAvatars((state) => state.watch);
  const dataUrl = useAvatars((state) => (username ? (state.images[avatarKey(accountId, username)] ?? null) : null));

  useEffect(() => (username && !paused ? watch(accountId, username, etag) : undefined), [accountId, username, etag, watch, paused]);

  return (
    <span className={`avatar ${size}`} aria-hidden="true">
      {dataUrl ? (
        <img src={dataUrl} alt="" data-testid={size === 'large' ? 'avatar-image' : undefined} />
      ) : (
        <span className="initials">{initialsOf(name)}</span>
      )}
      {presence !== undefined && <span className={`dot on-avatar ${presence ?? 'unknown'}`} />}
    </span>
  );
}
