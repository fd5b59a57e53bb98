import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { tooLong } from '../forms/lengthLimit';
import { fieldNoteIds, FieldNotes } from './FieldNotes';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'maxLength' | 'value'> {
  label: string;
  value: string;
  /**
   * Required: the most characters the contract takes for what this field sends
   * (shared/limits.ts). Longer values say "Too long" here and are never sent.
   */
  limit: number;
  /** Shown under the field in plain words; marks the field invalid. */
  error?: string | null;
  hint?: ReactNode;
  /** Rendered inside the field row, after the input (e.g. a show/hide button). */
  trailing?: ReactNode;
  /** The input itself: a form focuses the first field that needs the person (useFormFields). */
  ref?: Ref<HTMLInputElement>;
}

/** A labelled input whose hint and error are announced with it. */
export function TextField({ label, error, hint, trailing, limit, value, ...input }: TextFieldProps) {
  const id = useId();
  const lengthError = tooLong(value, limit);
  const shownError = lengthError ?? error;
  // An error takes the hint's place: the two often say the same rule twice.
  const shownHint = shownError ? undefined : hint;
  const { describedBy } = fieldNoteIds(id, shownHint, shownError);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input id={id} value={value} aria-invalid={shownError ? true : undefined} aria-describedby={describedBy} {...input} />
        {trailing}
      </div>
      <FieldNotes id={id} hint={shownHint} error={shownError} />
    </div>
  );
}
