import { useId, type TextareaHTMLAttributes } from 'react';
import { fieldNoteIds, FieldNotes } from './FieldNotes';

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: string;
  error?: string | null;
  /** Shows "n / limit" under the field. */
  limit?: number;
  value: string;
}

/** A labelled multi-line input with a live character count and an announced error. */
export function TextAreaField({ label, error, limit, value, ...textarea }: TextAreaFieldProps) {
  const id = useId();
  const count = limit ? `${[...value].length} / ${limit} characters` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={fieldNoteIds(id, count, error).describedBy}
        {...textarea}
      />
      <FieldNotes id={id} hint={count} error={error} />
    </div>
  );
}
