import type { Page } from '@playwright/test';
import { generatePerson } from '../../../tools/users-api/src/seed/people';

/** The reference server's generated people (its seed's `people`) all sign in with this password. */
export const peoplePassword = 'people-pass-1';

/** The first `count` generated people of the demo seed (seed 1): username, name and id. */
export function seedPeople(count: number): { user: string; name: string; userId: string }[] {
  return Array.from({ length: count }, (_, index) => {
    const person = generatePerson(index, 1, '');
    return { user: person.username!, name: person.name!, userId: person._id };
  });
}

/**
 * Signs each of `users` in on the server at `serverUrl`, straight through the browser host's
 * socket (the calls the sign-in form makes), so a test can have ten accounts in seconds. The
 * form itself is proven by accounts.spec.ts and signIn.spec.ts; the page hears the new
 * accounts through the core's events like any other change.
 */
export async function signInThroughCore(page: Page, hostUrl: string, serverUrl: string, users: string[]): Promise<void> {
  const host = new URL(hostUrl);
  const secret = new URLSearchParams(host.hash.slice(1)).get('secret');
  const socketUrl = `ws://${host.host}/ipc?secret=${encodeURIComponent(secret ?? '')}`;
  const problem = await page.evaluate(
    async ({ socketUrl, serverUrl, users, password }) => {
      const socket = new WebSocket(socketUrl);
      await new Promise((resolve, reject) => {
        socket.addEventListener('open', resolve, { once: true });
        socket.addEventListener('error', reject, { once: true });
      });
      let next = 1;
      const call = (channel: string, payload: unknown) =>
        new Promise<{ ok: boolean; value?: { id: string }; error?: { message: string } }>((resolve) => {
          const id = next++;
          const answer = (message: MessageEvent) => {
            const frame = JSON.parse(String(message.data)) as { type: string; id?: number; result?: never };
            if (frame.type !== 'result' || frame.id !== id) return;
            socket.removeEventListener('message', answer);
            resolve(frame.result!);
          };
          socket.addEventListener('message', answer);
          socket.send(JSON.stringify({ type: 'call', id, channel, payload }));
        });
      try {
        const server = await call('servers.add', { url: serverUrl });
        if (!server.ok) return `servers.add: ${server.error?.message}`;
        for (const user of users) {
          const signedIn = await call('accounts.signIn', { serverId: server.value!.id, user, password });
          if (!signedIn.ok) return `accounts.signIn ${user}: ${signedIn.error?.message}`;
        }
        return null;
      } finally {
        socket.close();
      }
    },
    { socketUrl, serverUrl, users, password: peoplePassword },
  );
  if (problem) throw new Error(problem);
}
