// users.setAvatar, users.resetAvatar, users.getAvatar (§6 "Avatars").
import type { App } from '../app';
import { hasPermission } from '../auth/permissions';
import { asRecord } from '../http/body';
import { forbidden, plain, thrown } from '../http/envelope';
import { parseMultipart } from '../http/multipart';
import { caller, ok } from '../http/router';
import type { RequestContext, RouteDef } from '../http/router';
import { randomId } from '../ids';
import type { UserDoc } from '../state/types';
import { hasUserParam, userFromParams } from './userParams';

const IMAGE_TYPE = /^image\/[\w.+-]+$/;

function storeAvatar(app: App, user: UserDoc, contentType: string, data: Buffer, origin: string): void {
  app.store.avatars.set(user._id, { contentType, data, uploadedAt: new Date(Math.floor(app.clock.now() / 1000) * 1000) });
  user.avatarOrigin = origin;
  // §6 says the new ETag shows up ~500 ms after the reply; here it is immediate.
  user.avatarETag = randomId();
  app.store.touch(user);
}

function targetFor(ctx: RequestContext, params: Record<string, unknown>): UserDoc {
  const me = caller(ctx);
  const target = hasUserParam(params) ? userFromParams(ctx.app, params) : me;
  if (target._id !== me._id && !hasPermission(ctx.app, me, 'edit-other-user-avatar')) throw forbidden();
  return target;
}

const isLoopback = (host: string): boolean => ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host);

/** Fetches the image; only loopback hosts are reachable from this sandboxed stand-in. */
async function avatarFromUrl(app: App, user: UserDoc, url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(encodeURI(url));
  } catch {
    throw thrown('error-avatar-invalid-url', `Invalid avatar URL: ${encodeURI(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw thrown('error-avatar-invalid-url', `Invalid avatar URL: ${encodeURI(url)}`);
  }
  const handlingError = () =>
    thrown(
      'error-avatar-url-handling',
      `Error while handling avatar setting from a URL (${encodeURI(url)}) for ${user.username ?? user._id}`,
    );
  if (!isLoopback(parsed.hostname)) throw handlingError();
  let response: Response;
  try {
    response = await fetch(parsed, { signal: AbortSignal.timeout(5000) });
  } catch {
    throw handlingError();
  }
  if (response.status === 404) throw thrown('error-avatar-invalid-url', `Invalid avatar URL: ${encodeURI(url)}`);
  if (response.status !== 200) throw handlingError();
  const type = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  if (!IMAGE_TYPE.test(type)) throw thrown('error-avatar-invalid-content-type', 'Invalid avatar content type');
  storeAvatar(app, user, type, Buffer.from(await response.arrayBuffer()), 'url');
}

async function setAvatar(ctx: RequestContext) {
  const { app } = ctx;
  const me = caller(ctx);
  if (!app.settings.Accounts_AllowUserAvatarChange && !hasPermission(app, me, 'edit-other-user-avatar')) {
    throw thrown('error-not-allowed', 'Change avatar is not allowed', { method: 'users.setAvatar' });
  }
  const body = asRecord(ctx.body);
  if (typeof body.avatarUrl === 'string' && body.avatarUrl !== '') {
    await avatarFromUrl(app, targetFor(ctx, body), body.avatarUrl);
    return ok();
  }
  // Otherwise the request must be multipart; busboy's own messages come through as plain failures.
  const contentType = ctx.headers['content-type'];
  if (!contentType) throw plain('Missing Content-Type');
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) throw plain(`Unsupported content type: ${contentType.split(';')[0]}`);
  let form;
  try {
    form = await parseMultipart(ctx.headers, ctx.rawBody);
  } catch (error) {
    throw plain(error instanceof Error ? error.message : String(error));
  }
  const image = form.files.find((f) => f.field === 'image');
  if (!image) throw plain("The 'image' param is required");
  const target = targetFor(ctx, form.fields);
  if (!IMAGE_TYPE.test(image.mimeType) || image.data.length === 0) {
    throw thrown('error-avatar-invalid-content-type', 'Invalid avatar content type');
  }
  storeAvatar(app, target, image.mimeType, image.data, 'rest');
  return ok();
}

function resetAvatar(ctx: RequestContext) {
  const { app } = ctx;
  const me = caller(ctx);
  // §6: the parameter is required even for yourself.
  const target = userFromParams(app, asRecord(ctx.body));
  const self = target._id === me._id;
  if (!(self && app.settings.Accounts_AllowUserAvatarChange) && !hasPermission(app, me, 'edit-other-user-avatar')) throw forbidden();
  app.store.avatars.delete(target._id);
  delete target.avatarOrigin;
  delete target.avatarETag;
  app.store.touch(target);
  return ok();
}

export const avatarRoutes: RouteDef[] = [
  { method: 'POST', path: '/api/v1/users.setAvatar', auth: 'required', handler: setAvatar },
  { method: 'POST', path: '/api/v1/users.resetAvatar', auth: 'required', handler: resetAvatar },
  {
    method: 'GET',
    path: '/api/v1/users.getAvatar',
    auth: 'none',
    handler: (ctx) => {
      const user = userFromParams(ctx.app, ctx.query);
      const location = `${ctx.app.rootUrl}/avatar/${encodeURIComponent(user.username ?? user._id)}`;
      return { status: 307, raw: '', headers: { Location: location } };
    },
  },
];
