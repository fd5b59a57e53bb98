import { useId } from 'react';
import type { PreferenceSpec, PreferenceValue } from '../../../shared/preferences';
import { HighlightsEditor } from './HighlightsEditor';

const waitingWords: Record<string, string> = {
  pending: 'Not sent yet',
  sending: 'Sending…',
  conflict: 'Changed on the server too: choose in Activity',
  failed: 'Not saved',
};

/** One preference as a labelled control: a select, a switch, a number of seconds, or a list of words. */
export function PreferenceControl({
  spec,
  value,
  waiting,
  problem,
  disabled,
  onChange,
}: {
  spec: PreferenceSpec;
  /** What to show: the edit being made, else one waiting in the outbox, else the server's; undefined when never set. */
  value: PreferenceValue | undefined;
  waiting: { state: string; error: string | null } | undefined;
  problem: string | undefined;
  disabled: boolean;
  onChange(value: PreferenceValue): void;
}) {
  const id = useId();
  const note = (
    <>
      {waiting && (
        <span
          className={`badge ${waiting.state === 'conflict' || waiting.state === 'failed' ? 'warn' : 'pending'}`}
          data-testid="pending-mark"
        >
          {waitingWords[waiting.state] ?? waiting.state}
          {waiting.error ? `: ${waiting.error}` : ''}
        </span>
      )}
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </>
  );
  switch (spec.kind) {
    case 'choice': {
      const known = spec.choices.some((choice) => choice.value === value);
      return (
        <div className="field" data-testid={`preference-${spec.key}`}>
          <label htmlFor={id}>{spec.label}</label>
          <select
            id={id}
            value={typeof value === 'string' ? value : ''}
            disabled={disabled}
            onChange={(event) => onChange(event.target.value)}
          >
            {value === undefined && <option value="">Not set: as the workspace sets it</option>}
            {!known && typeof value === 'string' && <option value={value}>{value}</option>}
            {spec.choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
          {note}
        </div>
      );
    }
    case 'switch':
      return (
        <div className="field switch" data-testid={`preference-${spec.key}`}>
          <input
            id={id}
            type="checkbox"
            role="switch"
            checked={value === true}
            disabled={disabled}
            onChange={(event) => onChange(event.target.checked)}
          />
          <label htmlFor={id}>{spec.label}</label>
          {value === undefined && <span className="hint"> (not set: as the workspace sets it)</span>}
          {note}
        </div>
      );
    case 'seconds':
      return (
        <div className="field" data-testid={`preference-${spec.key}`}>
          <label htmlFor={id}>{spec.label}</label>
          <input
            id={id}
            type="number"
            min={spec.min}
            max={spec.max}
            step={1}
            value={typeof value === 'number' && Number.isFinite(value) ? value : ''}
            placeholder="Not set"
            disabled={disabled}
            onChange={(event) => onChange(event.target.value === '' ? Number.NaN : Number(event.target.value))}
          />
          {note}
        </div>
      );
    case 'words':
      return (
        <div className="field" data-testid={`preference-${spec.key}`}>
          <HighlightsEditor
            label={spec.label}
            words={Array.isArray(value) ? value : []}
            maxLength={spec.maxLength}
            disabled={disabled}
            onChange={onChange}
          />
          {note}
        </div>
      );
  }
}
