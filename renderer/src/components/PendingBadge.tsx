import type { OutboxItem } from '../../../shared/outboxSchemas';

const pendingWords: Record<OutboxItem['state'], string> = {
  pending: 'Not sent yet',
  waiting: 'Waiting to send',
  sending: 'Sending…',
  conflict: 'Changed on the server too',
  failed: 'Not saved',
};

/** The mark on a field whose edit is still in the outbox. */
export function PendingBadge({ item }: { item: OutboxItem }) {
  const tone = item.state === 'conflict' || item.state === 'failed' ? 'warn' : 'pending';
  return (
    <span className={`badge ${tone}`} data-testid="pending-mark" title={item.error ?? undefined}>
      {pendingWords[item.state]}
    </span>
  );
}
