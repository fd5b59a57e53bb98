// A users API that answers as fast as a server can: sign-in and users.list only, every page
// rendered to bytes before the first request. Against it a directory sync measures the
// client alone (the reference server sorts its whole directory for every page). It can
// also misbehave the ways a broken or hostile server might: claim a false total, ignore
// `count` and send huge pages, ignore `offset` and send the same page forever.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ListedPerson } from './fakePeople';

export const fastUser = { user: 'demouser', password: 'demo-pass-1', userId: 'fast-demo-user' };

export interface FastUsersApiOptions {
  people: readonly ListedPerson[];
  /** The `total` users.list claims (a lie when it differs from the people it has). */
  claimTotal?: number;
  /** People in every page whatever `count` asks for (a server ignoring `count`). */
  pageSize?: number;
  /** Every page starts at offset 0 (a server ignoring `offset`). */
  ignoreOffset?: boolean;
}

export interface FastUsersApi {
  url: string;
  /** users.list requests answered so far. */
  listRequests(): number;
  close(): Promise<void>;
}

const digest = (password: string) => createHash('sha256').update(password, 'utf8').digest('hex');

export async function startFastUsersApi(options: FastUsersApiOptions, port = 0): Promise<FastUsersApi> {
  const token = randomBytes(16).toString('hex');
  const total = options.claimTotal ?? options.people.length;
  const render = (offset: number, count: number) => {
    const start = options.ignoreOffset ? 0 : offset;
    const users = options.people.slice(start, start + (options.pageSize ?? count));
    return Buffer.from(JSON.stringify({ users, count: users.length, offset, total, success: true }));
  };
  // Pre-rendered: the pages a client asking 100 at a time gets.
  const pages = new Map<number, Buffer>();
  if (options.pageSize === undefined && !options.ignoreOffset) {
    for (let offset = 0; offset <= options.people.length; offset += 100) pages.set(offset, render(offset, 100));
  }
  let listRequests = 0;
  const send = (response: http.ServerResponse, status: number, body: Buffer | object) => {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': bytes.length });
    response.end(bytes);
  };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/api/info') return send(response, 200, { success: true, version: '8.0.0' });
    if (request.method === 'POST' && url.pathname === '/api/v1/login') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { user?: string; password?: unknown };
        const password = body.password as string | { digest?: string } | undefined;
        const matches = typeof password === 'string' ? password === fastUser.password : password?.digest === digest(fastUser.password);
        if (body.user !== fastUser.user || !matches) return send(response, 401, { status: 'error', error: 'Unauthorized' });
        send(response, 200, {
          status: 'success',
          data: { userId: fastUser.userId, authToken: token, me: { _id: fastUser.userId, username: fastUser.user, name: 'Demo User' } },
        });
      });
      return undefined;
    }
    // Sign-in settings are public on Rocket.Chat: none of them set here (password sign-in only).
    if (request.method === 'GET' && url.pathname === '/api/v1/settings.public') {
      return send(response, 200, { success: true, settings: [], count: 0, offset: 0, total: 0 });
    }
    if (request.method === 'GET' && url.pathname === '/api/v1/settings.oauth') return send(response, 200, { success: true, services: [] });
    if (request.headers['x-auth-token'] !== token || request.headers['x-user-id'] !== fastUser.userId) {
      return send(response, 401, { status: 'error', message: 'You must be logged in to do this.' });
    }
    if (request.method === 'GET' && url.pathname === '/api/v1/users.list') {
      listRequests += 1;
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const count = Number(url.searchParams.get('count') ?? 100);
      return send(response, 200, (count === 100 ? pages.get(offset) : undefined) ?? render(offset, count));
    }
    return send(response, 404, { success: false, error: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    listRequests: () => listRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
