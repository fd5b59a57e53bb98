import { directoryPageSize } from '../../shared/limits';
import { demo, startTestServer, type TestServer } from '../support/usersApiServer';
import { expect, expectAccessible, test } from './support/fixtures';

/**
 * How many people of the server have `text` in a username, name, nickname or email (any case),
 * counted by this test over the API itself, not by the app.
 */
async function peopleContaining(server: TestServer, text: string): Promise<number> {
  return (await everyone(server)).filter((user) => holds(user, text)).length;
}

type Listed = { _id: string; username?: string; name?: string; nickname?: string; emails?: { address: string }[] };
const holds = (user: Listed, text: string) =>
  [user.username, user.name, user.nickname, ...(user.emails ?? []).map((email) => email.address)].some((field) =>
    field?.toLowerCase().includes(text),
  );

/** Every person of the server, read over the API by this test. */
async function everyone(server: TestServer): Promise<Listed[]> {
  const login = (await (
    await fetch(`${server.url}/api/v1/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: demo.plain.user, password: demo.plain.password }),
    })
  ).json()) as { data: { userId: string; authToken: string } };
  const headers = { 'X-User-Id': login.data.userId, 'X-Auth-Token': login.data.authToken };
  const people: Listed[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = (await (await fetch(`${server.url}/api/v1/users.list?count=100&offset=${offset}`, { headers })).json()) as {
      users: Listed[];
      total: number;
    };
    people.push(...page.users);
    if (offset + 100 >= page.total) return people;
  }
}

test('a directory of 1,500 people: the list holds only the rows in view, reads on as it scrolls, and the keyboard reaches the last', async ({
  page,
  ui,
}) => {
  const server = await startTestServer({ people: 1500 });
  try {
    const expected = await peopleContaining(server, 'an');
    expect(expected).toBeGreaterThan(300); // four pages at least

    await ui.open();
    await ui.signInAs(server.url, demo.plain);
    // Signed in (the app then shows Home): only now does a click on People stay there.
    await expect(ui.home.profileHeading('demouser')).toBeVisible();
    await ui.people.open();
    await expect(ui.people.directoryStatus).toContainText(/[\d,]+ people saved on this computer, synced/, { timeout: 30_000 });

    await ui.people.search.fill('an');
    const count = ui.people.count;
    await expect(count).toHaveText(`${directoryPageSize} people listed so far; more match below.`);
    const rows = ui.people.results.getByRole('listitem');
    // Virtualised: a few rows beyond the visible ones, never the whole page.
    expect(await rows.count()).toBeLessThan(40);
    await expectAccessible(page);

    // Two letters, inside words: every one of them, as the test's own count says.
    // End moves to the last person listed; the list reads on until every match is there.
    await rows.first().getByRole('button').focus();
    await expect(async () => {
      await page.keyboard.press('End');
      await expect(count).toHaveText(`${expected.toLocaleString('en-US')} people match.`, { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await page.keyboard.press('End');
    const focusedRow = page.locator('li:has(button:focus)');
    await expect(focusedRow).toHaveAttribute('aria-posinset', String(expected));
    await expect(focusedRow).toHaveAttribute('aria-setsize', String(expected));
    expect(await rows.count()).toBeLessThan(40);
    // Up and Home go back the other way.
    await page.keyboard.press('ArrowUp');
    await expect(page.locator('li:has(button:focus)')).toHaveAttribute('aria-posinset', String(expected - 1));
    await page.keyboard.press('Home');
    await expect(page.locator('li:has(button:focus)')).toHaveAttribute('aria-posinset', '1');

    // Typed key by key: the list shows the answer to what the field holds, never an earlier keystroke's.
    const search = ui.people.search;
    await search.fill('');
    await search.pressSequentially('olasupo');
    await expect(count).toHaveText('1 person matches.');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Funke Olasupo');
    // Three letters: a surname starting with them comes before names holding them mid-word (Nikolai).
    await search.fill('ola');
    await expect(count).toHaveText(/^[\d,]+ people (match\.|listed so far; more match below\.)$/);
    await expect(rows.first()).toContainText('Funke Olasupo');
  } finally {
    await server.close();
  }
});

test('a long list scrolled down shows people saved after it was read, and the person at the top of the view stays there', async ({
  page,
  ui,
}) => {
  const server = await startTestServer({ people: 1500 });
  try {
    const expected = await peopleContaining(server, 'an');
    await ui.open();
    await ui.signInAs(server.url, demo.plain);
    await expect(ui.home.profileHeading('demouser')).toBeVisible();
    await ui.people.open();
    await expect(ui.people.directoryStatus).toContainText(/[\d,]+ people saved on this computer, synced/, { timeout: 30_000 });
    await ui.people.search.fill('an');
    const count = ui.people.count;
    const rows = ui.people.results.getByRole('listitem');
    // Scrolled well past the first page, until every match is read.
    await rows.first().getByRole('button').focus();
    await expect(async () => {
      await page.keyboard.press('End');
      await expect(count).toHaveText(`${expected.toLocaleString('en-US')} people match.`, { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    // Half way back up, as a reader scrolling would be.
    await ui.people.results.evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight / 2 }));
    const topOfView = () =>
      ui.people.results.evaluate((scroller) => {
        const top = scroller.getBoundingClientRect().top;
        const visible = [...scroller.querySelectorAll('li')].filter((row) => row.getBoundingClientRect().bottom > top + 1);
        visible.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
        return visible[0]?.querySelector('.result-name')?.textContent ?? null;
      });
    await expect.poll(async () => (await ui.people.results.evaluate((scroller) => scroller.scrollTop)) > 0).toBe(true);
    const before = await topOfView();
    expect(before).not.toBeNull();

    // Someone who did not match is renamed on the server to a name that starts with "an": they join the top of the list.
    const joining = (await everyone(server)).find((user) => !holds(user, 'an') && user.username !== demo.plain.user)!;
    await server.changeUser(joining._id, { name: 'Anneliese Quirk' });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(count).toHaveText(`${(expected + 1).toLocaleString('en-US')} people match.`, { timeout: 30_000 });
    expect(await topOfView()).toBe(before);
    await ui.people.results.evaluate((scroller) => scroller.scrollTo({ top: 0 }));
    await expect(rows.filter({ hasText: 'Anneliese Quirk' })).toHaveCount(1);
  } finally {
    await server.close();
  }
});
