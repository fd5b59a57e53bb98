import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DirectoryStatus, PersonHit } from '../../../shared/directorySchemas';
import { directoryPageSize } from '../../../shared/limits';
import type { FakeApi } from '../../../tests/support/fakeApi';
import { freshWindow } from '../../../tests/support/dom/freshWindow';
import { pretendLayout } from '../../../tests/support/dom/layout';

const done: DirectoryStatus = {
  serverId: 's1',
  state: 'done',
  loaded: 5,
  total: 5,
  cached: 5,
  syncedAt: null,
  error: null,
  limit: 100_000,
  capped: false,
  note: null,
};
const person = (n: number): PersonHit => ({
  userId: `u${n}`,
  username: `ada${n}`,
  name: `Ada ${n}`,
  nickname: null,
  emails: [`ada${n}@example.com`],
  status: n === 1 ? 'online' : null,
});
const five = [1, 2, 3, 4, 5].map(person);

let fake: FakeApi;

async function show(status: DirectoryStatus = done) {
  fake.succeed('directory.sync', status);
  const { DirectorySearch } = await import('./DirectorySearch');
  const { useConnectivity } = await import('../stores/connectivityStore');
  const { useDirectory } = await import('../stores/directoryStore');
  useConnectivity.getState().follow();
  useDirectory.getState().follow();
  const onOpen = vi.fn<(userId: string) => void>();
  render(<DirectorySearch accountId="a" serverId="s1" serverName="chat.example.com" onOpen={onOpen} />);
  await waitFor(() => expect(fake.requests('directory.sync')).toEqual([{ accountId: 'a' }]));
  return { onOpen, user: userEvent.setup() };
}

const search = () => screen.getByRole('searchbox', { name: 'Search people' });
const rows = () => within(screen.getByRole('list', { name: 'Search results' })).getAllByRole('listitem');

beforeEach(() => {
  fake = freshWindow();
  pretendLayout({ viewport: 600, row: 58 });
  fake.succeed('directory.search', ({ query }) => ({ query, people: query.startsWith('ada') ? five : [], more: false, next: null }));
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the directory search', () => {
  it('says where the saved directory stands', async () => {
    await show({ ...done, state: 'syncing', loaded: 2, total: 5, cached: 2 });
    expect(screen.getByTestId('directory-status')).toHaveTextContent(
      'Saving the people directory: 2 of 5 people read from the server; 2 people saved on this computer.',
    );
    expect(screen.getByRole('progressbar', { name: 'Directory sync progress' })).toBeInTheDocument();
  });

  it('searches as you type and lists who matches, with their username and email', async () => {
    const { user } = await show();
    expect(search()).toHaveAccessibleDescription('Any part of a name, username, nickname or email; words in any order.');
    await user.type(search(), 'ada');
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(screen.getByTestId('directory-count')).toHaveTextContent('5 people match.');
    expect(rows()[0]).toHaveTextContent('Ada 1@ada1 · ada1@example.comOnline');
    expect(fake.requests('directory.search').at(-1)).toEqual({ accountId: 'a', query: 'ada', limit: directoryPageSize });
  });

  it('says when no one matches', async () => {
    const { user } = await show();
    await user.type(search(), 'zed');
    expect(await screen.findByText('No one saved on this computer matches “zed”.')).toBeInTheDocument();
  });

  it('says "Too long" over the contract’s 200 characters and asks nothing for it', async () => {
    const { user } = await show();
    await user.click(search());
    await user.paste('a'.repeat(201));
    expect(search()).toHaveAttribute('aria-invalid', 'true');
    expect(search()).toHaveAccessibleDescription('Too long: at most 200 characters.');
    expect(fake.requests('directory.search').filter((request) => request.query.length > 200)).toEqual([]);
  });

  it('moves between people with the arrow keys, Home and End, and opens one with Enter', async () => {
    const { user, onOpen } = await show();
    await user.type(search(), 'ada');
    await waitFor(() => expect(rows()).toHaveLength(5));
    const button = (index: number) => within(rows()[index]!).getByRole('button');
    await user.tab();
    expect(button(0)).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(button(1)).toHaveFocus();
    await user.keyboard('{End}');
    expect(button(4)).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(button(4)).toHaveFocus();
    await user.keyboard('{Home}');
    expect(button(0)).toHaveFocus();
    // Arrow Up on the first person goes back to the search box, Arrow Down from there to the first person.
    await user.keyboard('{ArrowUp}');
    expect(search()).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(button(0)).toHaveFocus();
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onOpen).toHaveBeenCalledWith('u2');
  });

  it('lists everyone saved before anything is typed, and Arrow Down leads from the search box into the list', async () => {
    fake.succeed('directory.search', ({ query }) => ({ query, people: query === '' ? five : [], more: false, next: null }));
    const { user, onOpen } = await show();
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(fake.requests('directory.search')[0]).toEqual({ accountId: 'a', query: '', limit: directoryPageSize });
    expect(screen.getByTestId('directory-count')).toHaveTextContent('5 people listed. Type to search.');
    await user.click(search());
    await user.keyboard('{ArrowDown}');
    expect(within(rows()[0]!).getByRole('button')).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledWith('u1');
  });

  it('keeps only the people in view in the page, however many match', async () => {
    const many = Array.from({ length: 100 }, (_, index) => person(index + 1));
    fake.succeed('directory.search', ({ query }) => ({ query, people: many, more: false, next: null }));
    const { user } = await show();
    await user.type(search(), 'ada');
    await waitFor(() => expect(screen.getByTestId('directory-count')).toHaveTextContent('100 people match.'));
    // A 600-pixel view holds about ten 58-pixel rows; a few more are kept on either side.
    expect(rows().length).toBeLessThan(30);
    expect(rows()[0]).toHaveAttribute('aria-setsize', '100');
  });

  it('asks for an avatar only once its row is on screen, not for the rows kept beyond the view', async () => {
    // The browser's IntersectionObserver, driven by the test: which avatars are on screen.
    const watched = new Map<Element, IntersectionObserverCallback>();
    class ScreenObserver {
      constructor(private readonly callback: IntersectionObserverCallback) {}
      observe(element: Element) {
        watched.set(element, this.callback);
      }
      disconnect() {
        for (const [element, callback] of watched) if (callback === this.callback) watched.delete(element);
      }
    }
    vi.stubGlobal('IntersectionObserver', ScreenObserver);
    fake.succeed('avatars.get', ({ username }) => ({ username, dataUrl: null, fetchedAt: null }));
    const { user } = await show();
    await user.type(search(), 'ada');
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(fake.requests('avatars.get')).toEqual([]);

    const secondRow = within(rows()[1]!).getByRole('button');
    const seen = watched.get(secondRow)!;
    act(() => seen([{ isIntersecting: true, target: secondRow } as unknown as IntersectionObserverEntry], {} as IntersectionObserver));
    await waitFor(() => expect(fake.requests('avatars.get')).toEqual([{ accountId: 'a', username: 'ada2' }]));
    // Once seen, it is no longer watched.
    expect(watched.has(secondRow)).toBe(false);
  });

  it('tells assistive technology where each person stands, and that the list may grow', async () => {
    fake.succeed('directory.search', ({ query, after }) =>
      after ? { query, people: [person(6)], more: false, next: null } : { query, people: five, more: true, next: '0.5' },
    );
    const { user } = await show();
    await user.type(search(), 'ada');
    // Near the end of what is loaded, the next page is read by itself.
    await waitFor(() => expect(rows()).toHaveLength(6));
    expect(fake.requests('directory.search').at(-1)).toEqual({ accountId: 'a', query: 'ada', limit: directoryPageSize, after: '0.5' });
    expect(rows().map((row) => row.getAttribute('aria-posinset'))).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(rows()[0]).toHaveAttribute('aria-setsize', '6');
  });

  it('counts a list that may grow as unknown', async () => {
    fake.answer('directory.search', ({ query, after }) =>
      after ? new Promise(() => undefined) : { ok: true, value: { query, people: five, more: true, next: '0.5' } },
    );
    const { user } = await show();
    await user.type(search(), 'ada');
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(rows()[0]).toHaveAttribute('aria-setsize', '-1');
    expect(screen.getByTestId('directory-count')).toHaveTextContent('5 people listed so far; more match below.');
  });

  it('turns "Sync now" off while the server cannot be reached, and says a sync is paused', async () => {
    const { user } = await show({ ...done, state: 'syncing', loaded: 2, total: 5, cached: 2 });
    act(() => fake.emit('connectivity.changed', { serverId: 's1', online: false }));
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeDisabled();
    expect(screen.getByTestId('directory-status')).toHaveTextContent(
      'Directory sync paused: chat.example.com cannot be reached. 2 people saved on this computer; search works offline.',
    );
    act(() => fake.emit('directory.changed', done));
    act(() => fake.emit('connectivity.changed', { serverId: 's1', online: true }));
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(fake.requests('directory.sync').at(-1)).toEqual({ accountId: 'a', force: true });
  });
});
