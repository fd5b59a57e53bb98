import type { ReactNode } from 'react';
import type { OutboxItem } from '../../../shared/outboxSchemas';
import type { UserProfile } from '../../../shared/profileSchemas';
import { customField, customKeyOf, editableValue, isEditField } from '../../../shared/profileEdits';
import { presenceName } from '../words/presence';
import { PendingBadge } from './PendingBadge';

const roomTypes: Record<string, string> = { c: 'Channel', p: 'Private group', d: 'Direct message', l: 'Omnichannel' };

function localTime(utcOffset: number | undefined): string | null {
  if (utcOffset === undefined) return null;
  const now = new Date(Date.now() + utcOffset * 3_600_000);
  const sign = utcOffset >= 0 ? '+' : '−';
  return `${now.toISOString().slice(11, 16)} (UTC${sign}${Math.abs(utcOffset)})`;
}

function when(iso: string | undefined): string | null {
  return iso ? new Date(iso).toLocaleString() : null;
}

type Row = [string, ReactNode];
const filled = (rows: Row[]) => rows.filter(([, value]) => value !== null && value !== undefined && value !== '');

function Facts({ rows }: { rows: Row[] }) {
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A titled group of the profile; a group with nothing in it is not shown at all. */
function Group({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * Every field the server returned, grouped the way a person looks for them; groups with
 * nothing to show are left out. Fields with an edit still in the outbox show the edited
 * value, marked. `own`: the signed-in person's profile (presence is explained: this app is
 * not a chat client, so it never makes anyone "online"). `roomsAsked`: rooms were asked
 * for, so their absence is explained rather than silent.
 */
export function ProfileDetails({
  profile,
  pending = {},
  own = false,
  roomsAsked = false,
}: {
  profile: UserProfile;
  pending?: Record<string, OutboxItem>;
  own?: boolean;
  roomsAsked?: boolean;
}) {
  const shown = (field: string, value: ReactNode): ReactNode => {
    const item = pending[field];
    if (!item) return value;
    const text = field === 'statusType' ? presenceName(item.value) : field === 'username' ? `@${item.value}` : item.value;
    return (
      <span className="pending-value">
        {item.value === '' ? <em>(empty)</em> : text} <PendingBadge item={item} />
      </span>
    );
  };
  const customKeys = new Set([
    ...Object.keys(profile.customFields ?? {}),
    ...Object.keys(pending).flatMap((field) => (isEditField(field) ? (customKeyOf(field) ?? []) : [])),
  ]);
  const custom = [...customKeys].map((key) => [key, profile.customFields?.[key]] as const);

  const identity = filled([
    ['Name', shown('name', profile.name)],
    ['Username', shown('username', profile.username && `@${profile.username}`)],
    ['Nickname', shown('nickname', profile.nickname)],
    ['Bio', shown('bio', profile.bio)],
  ]);
  const connection =
    profile.statusConnection === undefined
      ? null
      : profile.statusConnection === 'offline'
        ? 'No chat app connected'
        : `A chat app is connected (${presenceName(profile.statusConnection)})`;
  const presence = filled([
    // One's own: the status chosen; another person's: the status everyone sees.
    ['Status', shown('statusType', presenceName(own ? editableValue(profile, 'statusType') : profile.status))],
    ['Status text', shown('statusText', profile.statusText)],
    ['Connection', connection],
    ['Local time', localTime(profile.utcOffset)],
  ]);
  const account = filled([
    ['Roles', profile.roles?.join(', ')],
    ['Type', profile.type],
    ['Active', profile.active === undefined ? null : profile.active ? 'Yes' : 'No'],
    ['Created', when(profile.createdAt)],
    ['Last sign-in', when(profile.lastLogin)],
    ['Extension', profile.freeSwitchExtension],
  ]);
  const emails = profile.emails ?? [];
  const rooms = profile.rooms ?? [];

  return (
    <div className="profile-groups">
      {identity.length > 0 && (
        <Group id="group-identity" title="Identity">
          <Facts rows={identity} />
        </Group>
      )}
      {emails.length > 0 && (
        <Group id="group-contact" title="Contact">
          <ul className="emails" data-testid="emails">
            {emails.map((email) => (
              <li key={email.address}>
                {email.address}{' '}
                <span className={email.verified ? 'badge ok' : 'badge warn'}>{email.verified ? 'Verified' : 'Not verified'}</span>
              </li>
            ))}
          </ul>
        </Group>
      )}
      {presence.length > 0 && (
        <Group id="group-presence" title="Presence">
          <Facts rows={presence} />
          {own && (
            <p className="hint">Others see this status in chat. Account Manager is not a chat app: it does not make you appear online.</p>
          )}
        </Group>
      )}
      {account.length > 0 && (
        <Group id="group-account" title="Account">
          <Facts rows={account} />
        </Group>
      )}
      {custom.length > 0 && (
        <Group id="group-custom" title="Custom fields">
          <Facts
            rows={custom.map(([key, value]) => [
              key,
              shown(customField(key), typeof value === 'string' || value === undefined ? value : JSON.stringify(value)),
            ])}
          />
        </Group>
      )}
      {rooms.length > 0 && (
        <Group id="group-rooms" title="Rooms">
          <table className="rooms" data-testid="rooms">
            <thead>
              <tr>
                <th scope="col">Room</th>
                <th scope="col">Kind</th>
                <th scope="col">Unread</th>
              </tr>
            </thead>
            <tbody>
              {rooms.map((room) => (
                <tr key={room._id}>
                  <td>
                    {room.name ?? room.rid}
                    {room.roles?.length ? ` (${room.roles.join(', ')})` : ''}
                  </td>
                  <td>{roomTypes[room.t] ?? room.t}</td>
                  <td>{room.unread ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Group>
      )}
      {roomsAsked && rooms.length === 0 && (
        <p className="hint" data-testid="rooms-hidden">
          No rooms are shown: the server lists another person’s rooms only to administrators (or this person is in none).
        </p>
      )}
    </div>
  );
}
