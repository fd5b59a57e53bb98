import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { textLimits } from '../../../shared/limits';
import { checkField, editableValue, statusTypes, type StatusType } from '../../../shared/profileEdits';
import { useFormFields } from '../forms/useFormFields';
import { pendingByField, useOutbox } from '../stores/outboxStore';
import { useProfiles } from '../stores/profileStore';
import { presenceName, presenceWords } from '../words/presence';
import { BusyButton } from './BusyButton';
import { TextField } from './TextField';
import { usePopover } from './usePopover';

const hints: Record<StatusType, string> = {
  online: 'Available',
  away: 'Stepped away',
  busy: 'Do not disturb',
  offline: 'Others see you as offline',
};

/**
 * Presence and status message of the active account, in a popover over the content (it
 * never pushes the page). Queued like any edit when the server cannot be reached.
 */
export function StatusPicker({ accountId }: { accountId: string }) {
  const profile = useProfiles((state) => state.views[accountId]?.profile);
  const workspace = useProfiles((state) => state.views[accountId]?.workspace);
  const pending = pendingByField(useOutbox((state) => state.views[accountId]));
  // The status the person chose (others may see "offline" while no chat app is connected).
  const chosen = profile ? editableValue(profile, 'statusType') : '';
  const currentStatus = pending.statusType?.value ?? (chosen === '' ? 'online' : chosen);
  const currentText = pending.statusText?.value ?? profile?.statusText ?? '';
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<StatusType>('online');
  const fields = useFormFields({ text: '' }, () => ({ limit: textLimits.profileText, check: (typed) => checkField('statusText', typed) }), {
    checkFrom: 'typing',
  });
  const { text } = fields.values;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const saveStatus = useOutbox((state) => state.setStatus);
  const trigger = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const titleId = useId();

  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };
  usePopover(
    open,
    trigger,
    popover,
    () => setOpen(false),
    (element) => element.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus(),
  );

  const toggle = () => {
    if (open) return close();
    setStatus((statusTypes as readonly string[]).includes(currentStatus) ? (currentStatus as StatusType) : 'online');
    fields.reset({ text: currentText });
    setProblem(null);
    setOpen(true);
  };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fields.validate()) return;
    setBusy(true);
    const answer = await saveStatus(accountId, status, text);
    setBusy(false);
    if (!answer.ok) return setProblem(answer.error.message);
    close();
  };

  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };

  const name = presenceName(currentStatus) ?? 'Online';
  return (
    <>
      <button ref={trigger} type="button" className="status-button" aria-haspopup="dialog" aria-expanded={open} onClick={toggle}>
        <span className="visually-hidden">Set status, now </span>
        <span className={`dot ${currentStatus}`} aria-hidden="true" />
        <span className="status-word">{name}</span>
        {currentText && <span className="status-text">{currentText}</span>}
      </button>
      <div ref={popover} popover="manual" className="popover" role="dialog" aria-labelledby={titleId} onKeyDown={onKey}>
        {/* How it went shows on screen; an event handler has nobody to hand the promise to. */}
        <form className="form" onSubmit={(event) => void save(event)} aria-labelledby={titleId} noValidate>
          <h2 id={titleId} className="popover-title">
            Set status
          </h2>
          <fieldset className="status-choices">
            <legend className="visually-hidden">Status</legend>
            {/* The statuses the workspace allows (and the one chosen, even if no longer allowed, so it shows). */}
            {statusTypes
              .filter((option) => !workspace || workspace.statuses.includes(option) || option === currentStatus)
              .map((option) => (
                <label key={option} className="status-choice">
                  <input
                    type="radio"
                    name="status"
                    value={option}
                    checked={status === option}
                    aria-describedby={`${titleId}-${option}`}
                    onChange={() => setStatus(option)}
                  />
                  <span className={`dot ${option}`} aria-hidden="true" />
                  <span>{presenceWords[option]}</span>
                  <span className="hint" id={`${titleId}-${option}`}>
                    {hints[option]}
                  </span>
                </label>
              ))}
          </fieldset>
          <TextField
            label="Status message"
            name="status-text"
            readOnly={Boolean(workspace?.locked.statusText)}
            hint={workspace?.locked.statusText}
            {...fields.bind('text')}
          />
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
          <div className="actions">
            <BusyButton type="submit" busy={busy} busyLabel="Saving…">
              Save status
            </BusyButton>
            <button type="button" className="secondary" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      </div>
    </>
  );
}
