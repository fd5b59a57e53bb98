import { describe, expect, it } from 'vitest';
import { accountLabel } from './accountLabel';

describe('accountLabel', () => {
  it('names the person and the username when the name says something more', () => {
    expect(accountLabel({ username: 'roxie', displayName: 'Funke Olasupo', serverName: 'Demo server' })).toBe(
      'Funke Olasupo (roxie) on Demo server',
    );
  });

  it('says the username alone when there is no name, or the name is the username', () => {
    expect(accountLabel({ username: 'roxie', displayName: null, serverName: 'Demo' })).toBe('roxie on Demo');
    expect(accountLabel({ username: 'roxie', displayName: ' roxie ', serverName: 'Demo' })).toBe('roxie on Demo');
  });

  it('still names the server for an account without a username yet', () => {
    expect(accountLabel({ username: '', displayName: null, serverName: 'Demo' })).toBe('This account on Demo');
  });
});
