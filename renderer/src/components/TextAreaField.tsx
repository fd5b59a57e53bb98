import { useId, type Ref, type TextareaHTMLAttributes } from 'react';
import { tooLong } from '../forms/lengthLimit';
import { fieldNoteIds, FieldNotes } from './FieldNotes';

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'maxLength' | 'value'> {
  label: string;
  value: string;
  /** Required: the most characters the contract takes (shared/limits.ts); longer says "Too long" and is not sent. */
  limit: number;
  /** Shows "n / counter characters" under the field: the field's own rule, when shorter than the limit. */
  counter?: number;
  error?: string | null;
  /** Said under the field in place of the count (a field that may not change says why). */
  hint?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

/** A labelled multi-line input with a live character count and an announced error. */
export function TextAreaField({ label, error, limit, counter, hint, value, ...textarea }: TextAreaFieldProps) {
  const id = useId();
  const lengthError = tooLong(value, limit);
  const shownError = lengthError ?? error;
  const count = hint ?? (counter ? `${[...value].length.toLocaleString('en')} / ${counter} characters` : undefined);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={value}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={fieldNoteIds(id, count, shownError).describedBy}
        {...textarea}
      />
      <FieldNotes id={id} hint={count} error={shownError} />
    </div>
  );
}
