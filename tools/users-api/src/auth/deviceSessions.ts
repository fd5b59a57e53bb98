// The device sessions Rocket.Chat records at each login (SAUMonitor: sessionId, ip, host and the
// device read from the User-Agent; apps/meteor/app/statistics/server/lib/SAUMonitor.ts). Kept
// beside the user document, as Rocket.Chat keeps them in their own collection, keyed by the login
// token: sessions/list shows the sessions whose token still exists.
import type { App } from '../app';
import { randomId } from '../ids';
import type { DeviceSession, LoginToken, UserDoc } from '../state/types';

type Device = NonNullable<DeviceSession['device']>;

const sessions = new WeakMap<LoginToken, DeviceSession>();

const BROWSERS: [RegExp, string][] = [
  [/Edg\/([\d.]+)/, 'Edge'],
  [/Electron\/([\d.]+)/, 'Electron'],
  [/Firefox\/([\d.]+)/, 'Firefox'],
  [/Chrome\/([\d.]+)/, 'Chrome'],
  [/Version\/([\d.]+).*Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/Android ([\d.]+)/, 'Android'],
  [/(?:iPhone|iPad).*OS ([\d_]+)/, 'iOS'],
  [/Windows NT ([\d.]+)/, 'Windows'],
  [/Mac OS X ([\d_.]+)/, 'Mac OS'],
  [/Linux()/, 'Linux'],
];

/**
 * A small stand-in for ua-parser-js with SAUMonitor's defaults: `type` "browser" when a browser
 * is recognised, "mobile" on a phone, else "other"; empty strings for what is not recognised.
 */
export function deviceFromUserAgent(userAgent: string | undefined): Device | undefined {
  if (!userAgent) return undefined;
  const device: Device = { type: 'other', name: '', longVersion: '', os: { name: '', version: '' }, version: '' };
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent));
  if (browser) {
    device.type = 'browser';
    device.name = browser[1];
    device.longVersion = browser[0].exec(userAgent)?.[1] ?? '';
  }
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent));
  if (system) {
    const version = (system[0].exec(userAgent)?.[1] ?? '').replaceAll('_', '.');
    device.os = version ? { name: system[1], version } : { name: system[1] };
  }
  if (/Mobile|iPhone/.test(userAgent)) device.type = 'mobile';
  device.version = /(\d+\.){0,2}\d+/.exec(device.longVersion)?.[0] ?? '';
  return device;
}

/** Records (or, for a resume login, renews) the session of a login token: loginAt is now. */
export function recordSession(app: App, token: LoginToken, from: { ip: string; host?: string; userAgent?: string }): DeviceSession {
  const device = deviceFromUserAgent(from.userAgent);
  const session: DeviceSession = {
    sessionId: randomId(),
    loginAt: app.clock.date(),
    ip: from.ip,
    host: from.host ?? '',
    ...(device && { device }),
  };
  sessions.set(token, session);
  return session;
}

/** A seeded token's session, as if it had signed in from there at `loginAt`. */
export function seedSession(token: LoginToken, from: { userAgent: string; ip: string }, loginAt: Date): void {
  const device = deviceFromUserAgent(from.userAgent);
  sessions.set(token, { sessionId: randomId(), loginAt, ip: from.ip, host: '', ...(device && { device }) });
}

/** The user's login tokens that carry a session (personal access tokens never do). */
export function sessionTokens(user: UserDoc): { token: LoginToken; session: DeviceSession }[] {
  return (user.services.resume?.loginTokens ?? []).flatMap((token) => {
    const session = sessions.get(token);
    return session ? [{ token, session }] : [];
  });
}
