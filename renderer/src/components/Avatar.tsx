import { useEffect } from 'react';
import { avatarKey, useAvatars } from '../stores/avatarStore';
import { Initials } from './Initials';

/**
 * A person's avatar from the core's cache (offline too), updated when the core says it
 * changed; initials until an image is saved. Decorative: the name is always shown beside it.
 */
export function Avatar({
  accountId,
  username,
  etag,
  name,
  size = 'small',
}: {
  accountId: string;
  username: string | undefined;
  etag?: string;
  name: string;
  size?: 'small' | 'large';
}) {
  const watch = useAvatars((state) => state.watch);
  const dataUrl = useAvatars((state) => (username ? (state.images[avatarKey(accountId, username)] ?? null) : null));

  useEffect(() => (username ? watch(accountId, username, etag) : undefined), [accountId, username, etag, watch]);

  if (!dataUrl) return <Initials name={name} />;
  return <img className={`avatar ${size}`} src={dataUrl} alt="" data-testid="avatar-image" />;
}
