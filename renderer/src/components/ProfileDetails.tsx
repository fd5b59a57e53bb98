import type { ReactNode } from 'react';
import type { OutboxItem } from '../../../shared/outboxSchemas';
import type { UserProfile } from '../../../shared/profileSchemas';
import { customField, customKeyOf, isEditField } from '../../../shared/profileEdits';
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

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (shown.length === 0) return <p className="hint">Nothing here.</p>;
  return (
    <dl className="facts">
      {shown.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Every field the server returned, grouped the way a person looks for them. Fields with
 * an edit still in the outbox show the edited value, marked.
 */
export function ProfileDetails({ profile, pending = {} }: { profile: UserProfile; pending?: Record<string, OutboxItem> }) {
  const shown = (field: string, value: ReactNode): ReactNode => {
    const item = pending[field];
    if (!item) return value;
    return (
      <span className="pending-value">
        {item.value === '' ? <em>(empty)</em> : field === 'username' ? `@${item.value}` : item.value} <PendingBadge item={item} />
      </span>
    );
  };
  const customKeys = new Set([
    ...Object.keys(profile.customFields ?? {}),
    ...Object.keys(pending).flatMap((field) => (isEditField(field) ? (customKeyOf(field) ?? []) : [])),
  ]);
  const custom = [...customKeys].map((key) => [key, profile.customFields?.[key]] as const);
  return (
    <div className="profile-groups">
      <section aria-labelledby="group-identity">
        <h2 id="group-identity">Identity</h2>
        <Facts
          rows={[
            ['Name', shown('name', profile.name)],
            ['Username', shown('username', profile.username && `@${profile.username}`)],
            ['Nickname', shown('nickname', profile.nickname)],
            ['Bio', shown('bio', profile.bio)],
          ]}
        />
      </section>
      <section aria-labelledby="group-contact">
        <h2 id="group-contact">Contact</h2>
        <ul className="emails" data-testid="emails">
          {(profile.emails ?? []).map((email) => (
            <li key={email.address}>
              {email.address}{' '}
              <span className={email.verified ? 'badge ok' : 'badge warn'}>{email.verified ? 'Verified' : 'Not verified'}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="group-presence">
        <h2 id="group-presence">Presence</h2>
        <Facts
          rows={[
            ['Status', shown('statusType', profile.status)],
            ['Status text', shown('statusText', profile.statusText)],
            ['Connection', profile.statusConnection],
            ['Local time', localTime(profile.utcOffset)],
          ]}
        />
      </section>
      <section aria-labelledby="group-account">
        <h2 id="group-account">Account</h2>
        {profile.requirePasswordChange && (
          <p className="notice" role="status">
            The server asks you to change your password
            {profile.requirePasswordChangeReason ? `: ${profile.requirePasswordChangeReason}` : '.'}
          </p>
        )}
        <Facts
          rows={[
            ['Roles', profile.roles?.join(', ')],
            ['Type', profile.type],
            ['Active', profile.active === undefined ? null : profile.active ? 'Yes' : 'No'],
            ['Created', when(profile.createdAt)],
            ['Last sign-in', when(profile.lastLogin)],
            ['Extension', profile.freeSwitchExtension],
          ]}
        />
      </section>
      {custom.length > 0 && (
        <section aria-labelledby="group-custom">
          <h2 id="group-custom">Custom fields</h2>
          <Facts
            rows={custom.map(([key, value]) => [
              key,
              shown(customField(key), typeof value === 'string' || value === undefined ? value : JSON.stringify(value)),
            ])}
          />
        </section>
      )}
      {profile.rooms && profile.rooms.length > 0 && (
        <section aria-labelledby="group-rooms">
          <h2 id="group-rooms">Rooms</h2>
          <table className="rooms" data-testid="rooms">
            <thead>
              <tr>
                <th scope="col">Room</th>
                <th scope="col">Kind</th>
                <th scope="col">Unread</th>
              </tr>
            </thead>
            <tbody>
              {profile.rooms.map((room) => (
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
        </section>
      )}
    </div>
  );
}
