import { useState, type FormEvent } from 'react';
import { checkField, statusTypes, type StatusType } from '../../../shared/profileEdits';
import { pendingByField, useOutbox } from '../stores/outboxStore';
import { useProfiles } from '../stores/profileStore';
import { BusyButton } from './BusyButton';
import { TextField } from './TextField';

const words: Record<StatusType, string> = { online: 'Online', away: 'Away', busy: 'Busy', offline: 'Offline (invisible)' };

/** Presence and status message of the active account; queued like any edit when offline. */
export function StatusPicker({ accountId }: { accountId: string }) {
  const profile = useProfiles((state) => state.views[accountId]?.profile);
  const pending = pendingByField(useOutbox((state) => state.views[accountId]));
  const currentStatus = (pending.statusType?.value ?? profile?.status ?? 'online') as StatusType;
  const currentText = pending.statusText?.value ?? profile?.statusText ?? '';
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<StatusType>(currentStatus);
  const [text, setText] = useState(currentText);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const saveStatus = useOutbox((state) => state.setStatus);
  const textProblem = checkField('statusText', text);

  const toggle = () => {
    setStatus((statusTypes as readonly string[]).includes(currentStatus) ? currentStatus : 'online');
    setText(currentText);
    setProblem(null);
    setOpen(!open);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (textProblem) return;
    setBusy(true);
    const answer = await saveStatus(accountId, status, text);
    setBusy(false);
    if (!answer.ok) return setProblem(answer.error.message);
    setOpen(false);
  };

  return (
    <div className="status-picker">
      <button type="button" className="secondary small" aria-expanded={open} onClick={toggle}>
        <span className={`presence ${currentStatus}`}>{words[currentStatus] ?? currentStatus}</span> Set status
      </button>
      {open && (
        <form className="form" onSubmit={(event) => void save(event)} aria-label="Set status" noValidate>
          <fieldset className="status-choices">
            <legend>Status</legend>
            {statusTypes.map((option) => (
              <label key={option} className="checkbox">
                <input type="radio" name="status" value={option} checked={status === option} onChange={() => setStatus(option)} />{' '}
                {words[option]}
              </label>
            ))}
          </fieldset>
          <TextField
            label="Status message"
            name="status-text"
            value={text}
            error={textProblem}
            onChange={(event) => setText(event.target.value)}
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
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
