// §6 avatars: setAvatar (multipart and URL), resetAvatar, getAvatar, image URLs.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, start } from './helpers';
import type { Client, Session } from './helpers';

// 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let c: Client;
let demo: Session;
beforeEach(async () => {
  c = await start();
  demo = await c.loginDemo();
});
afterEach(() => c.close());

function imageForm(type = 'image/png', extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  form.append('image', new Blob([PNG], { type }), 'me.png');
  return form;
}

describe('POST users.setAvatar', () => {
  it('stores a multipart image, updates avatarETag, and serves it with Last-Modified and 304', async () => {
    const res = await c.call('POST', '/api/v1/users.setAvatar', { auth: demo, form: imageForm() });
    expect(res.json).toEqual({ success: true });
    const me = (await c.get('/api/v1/me', demo)).json;
    expect(me.avatarETag).toMatch(/^\w{17}$/);
    expect(me.avatarOrigin).toBe('rest');
    const image = await fetch(`${c.url}/avatar/demouser?etag=${me.avatarETag}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-disposition')).toBe('inline');
    expect(image.headers.get('cache-control')).toBe('public, max-age=0');
    expect(image.headers.get('etag')).toBeNull();
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);
    const lastModified = image.headers.get('last-modified') ?? '';
    expect(Date.parse(lastModified)).not.toBeNaN();
    const cached = await fetch(`${c.url}/avatar/uid/${DEMO.demouser.id}`, { headers: { 'If-Modified-Since': lastModified } });
    expect(cached.status).toBe(304);
  });

  it('errors: no image, no content type, bad content type, not allowed, bad URL, someone else', async () => {
    const noImage = new FormData();
    noImage.append('username', 'demouser');
    expect((await c.call('POST', '/api/v1/users.setAvatar', { auth: demo, form: noImage })).json).toEqual({
      success: false,
      error: "The 'image' param is required",
    });
    expect((await c.call('POST', '/api/v1/users.setAvatar', { auth: demo })).json).toEqual({
      success: false,
      error: 'Missing Content-Type',
    });
    expect((await c.call('POST', '/api/v1/users.setAvatar', { auth: demo, form: imageForm('text/plain') })).json).toEqual({
      success: false,
      error: 'Invalid avatar content type [error-avatar-invalid-content-type]',
      errorType: 'error-avatar-invalid-content-type',
    });
    expect((await c.post('/api/v1/users.setAvatar', { avatarUrl: 'ftp://example.com/a.png' }, demo)).json).toMatchObject({
      error: 'Invalid avatar URL: ftp://example.com/a.png [error-avatar-invalid-url]',
    });
    const other = await c.call('POST', '/api/v1/users.setAvatar', { auth: demo, form: imageForm('image/png', { username: 'roxie' }) });
    expect(other.status).toBe(403);
    await c.settings({ Accounts_AllowUserAvatarChange: false });
    expect((await c.call('POST', '/api/v1/users.setAvatar', { auth: demo, form: imageForm() })).json).toMatchObject({
      error: 'Change avatar is not allowed [error-not-allowed]',
    });
  });

  it('fetches an http avatarUrl served on loopback', async () => {
    const images = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'image/png' });
      res.end(PNG);
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(images.address() as AddressInfo).port}/me.png`;
      expect((await c.post('/api/v1/users.setAvatar', { avatarUrl: url }, demo)).json).toEqual({ success: true });
      const image = await fetch(`${c.url}/avatar/demouser`);
      expect(image.headers.get('content-type')).toBe('image/png');
    } finally {
      images.close();
    }
  });
});

describe('resetAvatar, getAvatar, letter avatars', () => {
  it('resetAvatar requires the user parameter even for oneself, then restores the letter SVG', async () => {
    await c.call('POST', '/api/v1/users.setAvatar', { auth: demo, form: imageForm() });
    expect((await c.post('/api/v1/users.resetAvatar', {}, demo)).json).toEqual({
      success: false,
      error: 'The required "userId" or "username" param was not provided [error-user-param-not-provided]',
      errorType: 'error-user-param-not-provided',
    });
    expect((await c.post('/api/v1/users.resetAvatar', { username: 'roxie' }, demo)).status).toBe(403);
    expect((await c.post('/api/v1/users.resetAvatar', { userId: DEMO.demouser.id }, demo)).json).toEqual({ success: true });
    expect((await c.get('/api/v1/me', demo)).json).not.toHaveProperty('avatarETag');
    const letter = await fetch(`${c.url}/avatar/demouser`);
    expect(letter.headers.get('content-type')).toBe('image/svg+xml');
    expect(letter.headers.get('last-modified')).toBe('Thu, 01 Jan 2015 00:00:00 GMT');
    expect(await letter.text()).toContain('>D</text>');
    const cached = await fetch(`${c.url}/avatar/demouser`, { headers: { 'If-Modified-Since': 'Thu, 01 Jan 2015 00:00:00 GMT' } });
    expect(cached.status).toBe(304);
  });

  it('serves the seeded PNG of test.john, @name letters, sizes, and the 307 redirect', async () => {
    const john = await fetch(`${c.url}/avatar/test.john`);
    expect(john.headers.get('content-type')).toBe('image/png');
    expect(john.headers.get('last-modified')).toBe('Tue, 11 Jul 2023 08:00:00 GMT');
    const at = await fetch(`${c.url}/avatar/@test.john?size=64`);
    const svg = await at.text();
    expect(at.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg).toContain('width="64"');
    const redirect = await c.call('GET', '/api/v1/users.getAvatar?username=roxie');
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('location')).toBe(`${c.url}/avatar/roxie`);
    expect((await fetch(`${c.url}/avatar/uid/nope`)).status).toBe(404);
  });

  it('blocks unauthenticated avatar access when configured', async () => {
    await c.settings({ Accounts_AvatarBlockUnauthenticatedAccess: true });
    expect((await fetch(`${c.url}/avatar/demouser`)).status).toBe(404);
    const ok = await fetch(`${c.url}/avatar/demouser?rc_uid=${demo.userId}&rc_token=${demo.authToken}`);
    expect(ok.status).toBe(200);
    const cookie = await fetch(`${c.url}/avatar/demouser`, { headers: { Cookie: `rc_uid=${demo.userId}; rc_token=${demo.authToken}` } });
    expect(cookie.status).toBe(200);
  });
});
