import { useId, type TextareaHTMLAttributes } from 'react';

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
  const countId = limit ? `${id}-count` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} value={value} aria-invalid={error ? true : undefined} aria-describedby={[countId, errorId].filter(Boolean).join(' ') || undefined} {...textarea} />
      {limit && (
        <p id={countId} className="hint">
          {[...value].length} / {limit} characters
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
