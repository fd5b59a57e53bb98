// The release model behind --compat.
import { describe, expect, it } from 'vitest';
import { isAtLeast, parseRelease, versionOf } from '../src/release';
import { matchRoute, ok, type RouteDef } from '../src/http/router';

describe('release', () => {
  it('reads a major as its newest minor, and a minor as itself', () => {
    expect(parseRelease(7)).toEqual({ major: 7, minor: 13 });
    expect(parseRelease('8')).toEqual({ major: 8, minor: 8 });
    expect(parseRelease('8.6')).toEqual({ major: 8, minor: 6 });
    expect(parseRelease('8.9')).toBeNull();
    expect(parseRelease('9')).toBeNull();
    expect(parseRelease('8.x')).toBeNull();
    expect(versionOf({ major: 8, minor: 6 })).toBe('8.6.1');
  });

  it('orders releases across lines', () => {
    expect(isAtLeast({ major: 8, minor: 8 }, '8.8')).toBe(true);
    expect(isAtLeast({ major: 8, minor: 7 }, '8.8')).toBe(false);
    expect(isAtLeast({ major: 8, minor: 0 }, '7.13')).toBe(true);
    expect(isAtLeast({ major: 7, minor: 13 }, '8.0')).toBe(false);
  });

  it('matches a route only from the release that added it', () => {
    const routes: RouteDef[] = [{ method: 'POST', path: '/api/v1/users.enableTotp', since: '8.8', handler: () => ok() }];
    expect(matchRoute(routes, 'POST', '/api/v1/users.enableTotp', { major: 8, minor: 8 })).toBeDefined();
    expect(matchRoute(routes, 'POST', '/api/v1/users.enableTotp', { major: 8, minor: 7 })).toBeUndefined();
  });
});
