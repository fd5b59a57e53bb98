import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { fieldNoteIds, FieldNotes } from './FieldNotes';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** Shown under the field in plain words; marks the field invalid. */
  error?: string | null;
  hint?: ReactNode;
  /** Rendered inside the field row, after the input (e.g. a show/hide button). */
  trailing?: ReactNode;
}

/** A labelled input whose hint and error are announced with it. */
export function TextField({ label, error, hint, trailing, ...input }: TextFieldProps) {
  const id = useId();
  const { describedBy } = fieldNoteIds(id, hint, error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
        {trailing}
      </div>
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
