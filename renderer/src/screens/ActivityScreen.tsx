import { useEffect, useState } from 'react';
import type { Result } from '../../../shared/errors';
import type { HistoryEntry, OutboxItem } from '../../../shared/outboxSchemas';
import { outboxFieldLabel, outboxValueWords } from '../../../shared/outboxFields';
import { ConflictDialog } from '../components/ConflictDialog';
import { Notice } from '../components/Notice';
import { PendingBadge } from '../components/PendingBadge';
import { ScreenHeading } from '../components/ScreenHeading';
import { presenceName } from '../words/presence';
import { useOutbox } from '../stores/outboxStore';
import { ScreenAccount } from '../components/ScreenAccount';

const outcomeWords: Record<HistoryEntry['outcome'], string> = {
  saved: 'Saved on the server',
  failed: 'Refused by the server',
  'kept-mine': 'Kept mine after a conflict',
  'took-theirs': 'Took the server’s after a conflict',
  discarded: 'Discarded',
  'already-there': 'Already on the server',
  'not-kept': 'Not kept by the server',
};

const valueText = (value: string) => (value === '' ? '(empty)' : value);
/** A field's value as the rest of the app names it (a status by its presence name, a preference by its option). */
const fieldValue = (field: string, value: string) =>
  field.startsWith('preferences.')
    ? outboxValueWords(field, value)
    : valueText(field === 'statusType' ? (presenceName(value) ?? value) : value);

/** The outbox of the active account: what waits, what needs a decision, and what happened. */
export function ActivityScreen({ accountId, serverName }: { accountId: string; serverName: string }) {
  const view = useOutbox((state) => state.views[accountId]);
  const load = useOutbox((state) => state.load);
  const retry = useOutbox((state) => state.retry);
  const discard = useOutbox((state) => state.discard);
  const resolve = useOutbox((state) => state.resolve);
  const [resolving, setResolving] = useState<OutboxItem | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    void load(accountId);
  }, [accountId, load]);

  /** The store applies the new outbox; this only says whether it worked. */
  const act = async (call: Promise<Result<unknown>>) => {
    const answer = await call;
    setProblem(answer.ok ? null : answer.error.message);
  };

  const items = view?.items ?? [];
  // A refused edit cannot go by itself: like a conflict, it waits for the person.
  const decisions = items.filter((item) => item.state === 'conflict' || item.state === 'failed');
  const queued = items.filter((item) => item.state !== 'conflict' && item.state !== 'failed');
  return (
    <section aria-labelledby="activity-title" className="screen">
      <ScreenHeading id="activity-title">Activity</ScreenHeading>
      <ScreenAccount accountId={accountId} />
      {problem && <Notice tone="error">{problem}</Notice>}
      <section aria-labelledby="conflicts-title">
        <h2 id="conflicts-title" className="section-title">
          Needs your decision
        </h2>
        {decisions.length === 0 ? (
          <p className="hint">Nothing: no edit clashes with a change made elsewhere or was refused.</p>
        ) : (
          <ul className="activity-list" data-testid="conflicts">
            {decisions.map((item) =>
              item.state === 'conflict' ? (
                <li key={item.id}>
                  <span className="result-name">{outboxFieldLabel(item.field)}</span>
                  <span className="result-detail">
                    yours “{fieldValue(item.field, item.value)}”, on the server “{fieldValue(item.field, item.theirs ?? '')}”
                  </span>
                  <button type="button" className="small" onClick={() => setResolving(item)}>
                    Resolve…
                  </button>
                </li>
              ) : (
                <RefusedEdit
                  key={item.id}
                  item={item}
                  serverName={serverName}
                  // How it went shows on screen; an event handler has nobody to hand the promise to.
                  onRetry={() => void act(retry(accountId, item.id))}
                  // The same: the list and the notice show how it went.
                  onDiscard={() => void act(discard(accountId, item.id))}
                />
              ),
            )}
          </ul>
        )}
      </section>
      <section aria-labelledby="outbox-title">
        <h2 id="outbox-title" className="section-title">
          Waiting to be sent
        </h2>
        {queued.length === 0 ? (
          <p className="hint">Nothing: every edit has reached the server.</p>
        ) : (
          <ul className="activity-list" data-testid="outbox">
            {queued.map((item) => (
              <li key={item.id}>
                <span className="result-name">{outboxFieldLabel(item.field)}</span>
                <span className="result-detail">“{fieldValue(item.field, item.value)}”</span>
                <PendingBadge item={item} />
                {item.state === 'waiting' && item.notBefore && (
                  <span className="result-detail" data-testid="rate-limit-wait">
                    {serverName} allows only a few profile changes a minute; the app sends this at{' '}
                    {new Date(item.notBefore).toLocaleTimeString()}.
                  </span>
                )}
                {item.error && <span className="field-error">{item.error}</span>}
                {item.state !== 'sending' && (
                  <button
                    type="button"
                    className="secondary small"
                    aria-label={`Discard the edit of ${outboxFieldLabel(item.field)}`}
                    // How it went shows on screen; an event handler has nobody to hand the promise to.
                    onClick={() => void act(discard(accountId, item.id))}
                  >
                    Discard
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title" className="section-title">
          History
        </h2>
        {(view?.history ?? []).length === 0 ? (
          <p className="hint">No edits yet.</p>
        ) : (
          <ol className="activity-list" data-testid="history">
            {view!.history.map((entry) => (
              <li key={entry.id}>
                <time dateTime={entry.at} className="result-detail">
                  {new Date(entry.at).toLocaleString()}
                </time>
                <span className="result-name">{outcomeWords[entry.outcome]}</span>
                <span className="result-detail">
                  {Object.entries(entry.changes)
                    .map(([field, value]) => `${outboxFieldLabel(field)}: “${fieldValue(field, value)}”`)
                    .join(', ')}
                </span>
                {entry.detail && <span className="field-error">{entry.detail}</span>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <ConflictDialog
        item={resolving}
        onClose={() => setResolving(null)}
        onChoose={(keep) => {
          const item = resolving;
          setResolving(null);
          // How it went shows on screen; an event handler has nobody to hand the promise to.
          if (item) void act(resolve(accountId, item.id, keep));
        }}
      />
    </section>
  );
}

/**
 * An edit the server refused, with its words. A custom field's value is refused by the
 * workspace's definition, which sending it again cannot change: it is changed in the profile
 * or discarded. Other refusals (a setting the workspace may turn back on) can be sent again.
 */
function RefusedEdit({
  item,
  serverName,
  onRetry,
  onDiscard,
}: {
  item: OutboxItem;
  serverName: string;
  onRetry(): void;
  onDiscard(): void;
}) {
  const label = outboxFieldLabel(item.field);
  const custom = item.field.startsWith('customFields.');
  return (
    <li>
      <span className="result-name">{label}</span>
      <span className="result-detail">
        “{fieldValue(item.field, item.value)}” was refused by {serverName}
        {custom ? ': change it in your profile, or discard it.' : '.'}
      </span>
      {item.error && <span className="field-error">{item.error}</span>}
      {!custom && (
        <button type="button" className="small" onClick={onRetry}>
          Retry
        </button>
      )}
      <button type="button" className="secondary small" aria-label={`Discard the edit of ${label}`} onClick={onDiscard}>
        Discard
      </button>
    </li>
  );
}
