import { useEffect, useState } from 'react';
import { getApi } from '../bridge/api';
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
  const [image, setImage] = useState<{ key: string; dataUrl: string | null }>({ key: '', dataUrl: null });
  const key = `${accountId}\n${username ?? ''}`;

  useEffect(() => {
    if (!username) return undefined;
    let live = true;
    const load = () =>
      void getApi()
        ['avatars.get']({ accountId, username, ...(etag ? { etag } : {}) })
        .then((answer) => {
          if (live && answer.ok) setImage({ key: `${accountId}\n${username}`, dataUrl: answer.value.dataUrl });
        });
    load();
    const stop = getApi().on('avatar.changed', (event) => {
      if (event.username === username) load();
    });
    return () => {
      live = false;
      stop();
    };
  }, [accountId, username, etag]);

  const dataUrl = image.key === key ? image.dataUrl : null;
  if (!dataUrl) return <Initials name={name} />;
  return <img className={`avatar ${size}`} src={dataUrl} alt="" data-testid="avatar-image" />;
}
