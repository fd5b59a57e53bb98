import { useId } from 'react';
import type { OutboxItem } from '../../../shared/outboxSchemas';
import { outboxFieldLabel, outboxValueWords } from '../../../shared/outboxFields';
import { useModalDialog } from './useModalDialog';

/** A value in words: a preference as its option says (never set: the workspace's default); a profile field as written. */
const shown = (field: string, value: string | null) =>
  field.startsWith('preferences.') ? outboxValueWords(field, value ?? '') : value === null || value === '' ? <em>(empty)</em> : value;

/** Side by side: what the field was, what the server has now, what you wrote. You choose. */
export function ConflictDialog({
  item,
  onChoose,
  onClose,
}: {
  item: OutboxItem | null;
  onChoose(keep: 'mine' | 'theirs'): void;
  onClose(): void;
}) {
  const ref = useModalDialog(item !== null);
  const titleId = useId();
  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={onClose} className="dialog wide" data-testid="conflict-dialog">
      {item && (
        <>
          <h2 id={titleId}>{outboxFieldLabel(item.field)} changed in two places</h2>
          <p>It was changed on the server while your edit waited here. Which one should stay?</p>
          <div className="compare">
            <section aria-label="Before">
              <h3>Before</h3>
              <p>{shown(item.field, item.base)}</p>
            </section>
            <section aria-label="On the server">
              <h3>On the server</h3>
              <p>{shown(item.field, item.theirs)}</p>
            </section>
            <section aria-label="Yours">
              <h3>Yours</h3>
              <p>{shown(item.field, item.value)}</p>
            </section>
          </div>
          <div className="actions">
            <button type="button" onClick={() => onChoose('mine')}>
              Keep mine
            </button>
            <button type="button" className="secondary" onClick={() => onChoose('theirs')}>
              Take theirs
            </button>
            <button type="button" className="secondary" onClick={onClose}>
              Decide later
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
