import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, type KeyboardEvent, type Ref } from 'react';
import type { PersonHit } from '../../../shared/directorySchemas';
import { presenceName } from '../words/presence';
import { Avatar } from './Avatar';
import { useSeen } from './useSeen';

/** What the search box may ask of the list: focus a person (Arrow Down from the box). */
export interface DirectoryResultsHandle {
  focusRow(index: number): void;
}

/** A row's height before it is measured (avatar plus two lines of text). */
const estimatedRowPx = 58;
/** Rows kept rendered beyond the visible ones, so a quick scroll does not show blanks. */
const overscan = 8;
/** The next page is asked for when the view comes this close to the last loaded row. */
const loadAheadRows = 30;

/**
 * The people found, however many: only the rows in view (and a few around them) are in the
 * page, so ten thousand matches cost what twenty do. Scrolling near the end reads the next
 * page. Arrow keys, Home and End move between people; each row says where it stands in the
 * list, since the others are not there for assistive technology to count.
 */
export function DirectoryResultsList({
  ref,
  onLeaveTop,
  accountId,
  people,
  more,
  loadingMore,
  onLoadMore,
  onOpen,
}: {
  ref?: Ref<DirectoryResultsHandle>;
  /** Arrow Up on the first person: back to where the list was reached from (the search box). */
  onLeaveTop?(): void;
  accountId: string;
  people: PersonHit[];
  more: boolean;
  loadingMore: boolean;
  onLoadMore(): void;
  onOpen(userId: string): void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const focusWanted = useRef<number | null>(null);
  // The build has no React Compiler, and the virtualizer's functions stay inside this component.
  // eslint-disable-next-line react-hooks/incompatible-library -- nothing memoizes them
  const virtualizer = useVirtualizer({
    count: people.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimatedRowPx,
    overscan,
    getItemKey: (index) => people[index]?.userId ?? index,
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows[rows.length - 1]?.index ?? -1;

  // People saved since the list was read join it in their places: the person at the top of the
  // view stays there, rather than the rows sliding under the reader when someone joins above.
  const anchor = useRef<{ userId: string; shift: number } | null>(null);
  const anchoredTo = useRef(people);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (anchoredTo.current !== people) {
      anchoredTo.current = people;
      const kept = anchor.current;
      const index = kept ? people.findIndex((person) => person.userId === kept.userId) : -1;
      const start = index >= 0 ? virtualizer.measurementsCache[index]?.start : undefined;
      if (kept && start !== undefined && element.scrollTop > 0) virtualizer.scrollToOffset(start - kept.shift);
    }
    const top = element.scrollTop;
    const first = virtualizer.getVirtualItems().find((row) => row.end > top);
    anchor.current = first ? { userId: String(first.key), shift: first.start - top } : null;
  });

  useEffect(() => {
    if (more && !loadingMore && lastShown >= people.length - loadAheadRows) onLoadMore();
  }, [lastShown, more, loadingMore, people.length, onLoadMore]);

  // A row asked for by the keyboard gets focus once it is rendered.
  useEffect(() => {
    const wanted = focusWanted.current;
    if (wanted === null) return;
    const button = scroller.current?.querySelector<HTMLButtonElement>(`[data-index="${wanted}"] button`);
    if (button) {
      focusWanted.current = null;
      button.focus();
    }
  });

  const focusRow = (target: number) => {
    focusWanted.current = target;
    virtualizer.scrollToIndex(target, { align: 'auto' });
    const button = scroller.current?.querySelector<HTMLButtonElement>(`[data-index="${target}"] button`);
    if (button) {
      focusWanted.current = null;
      button.focus();
    }
  };
  useImperativeHandle(ref, () => ({ focusRow }));

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row) return;
    const at = Number(row.dataset.index);
    if (event.key === 'ArrowUp' && at === 0 && onLeaveTop) {
      event.preventDefault();
      onLeaveTop();
      return;
    }
    const target =
      event.key === 'ArrowDown'
        ? Math.min(at + 1, people.length - 1)
        : event.key === 'ArrowUp'
          ? Math.max(at - 1, 0)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? people.length - 1
              : null;
    if (target === null) return;
    event.preventDefault();
    focusRow(target);
  };

  return (
    <div ref={scroller} className="directory-results" data-testid="directory-results">
      <ul aria-label="Search results" style={{ height: virtualizer.getTotalSize() }} onKeyDown={onKeyDown}>
        {rows.map((row) => {
          const person = people[row.index]!;
          return (
            <li
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              // -1: the list's length is not known while more people may match.
              aria-setsize={more ? -1 : people.length}
              aria-posinset={row.index + 1}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <ResultButton accountId={accountId} person={person} onOpen={onOpen} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * One person of the list. Its avatar is asked for once the row is on screen: the list renders
 * rows beyond its view for smooth scrolling, and each avatar is a request to the server.
 */
function ResultButton({ accountId, person, onOpen }: { accountId: string; person: PersonHit; onOpen: (userId: string) => void }) {
  const button = useRef<HTMLButtonElement>(null);
  const seen = useSeen(button);
  const name = person.name ?? person.username ?? person.userId;
  const presence = presenceName(person.status);
  return (
    <button ref={button} type="button" className="result" onClick={() => onOpen(person.userId)}>
      <Avatar accountId={accountId} username={person.username} name={name} presence={person.status} paused={!seen} />
      <span className="result-text">
        <span className="result-name">{name}</span>
        <span className="result-detail">{[person.username && `@${person.username}`, person.emails[0]].filter(Boolean).join(' · ')}</span>
      </span>
      {presence && <span className="result-presence">{presence}</span>}
    </button>
  );
}
