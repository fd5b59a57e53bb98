import { describe, expect, it } from 'vitest';
import { DomainEvents } from './domainEvents';

describe('DomainEvents', () => {
  it('tells every follower, in the order they followed, before emit returns; an unsubscribed one no more', () => {
    const signals = new DomainEvents();
    const heard: string[] = [];
    signals.on('signedIn', ({ accountId }) => heard.push(`profile ${accountId}`));
    const stop = signals.on('signedIn', ({ accountId }) => heard.push(`outbox ${accountId}`));
    signals.emit('signedIn', { accountId: 'a1', serverId: 's1', me: {} });
    expect(heard).toEqual(['profile a1', 'outbox a1']);
    stop();
    signals.emit('signedIn', { accountId: 'a2', serverId: 's1', me: {} });
    expect(heard).toEqual(['profile a1', 'outbox a1', 'profile a2']);
  });
});
