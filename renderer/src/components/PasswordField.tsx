import { useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { TextField } from './TextField';

interface PasswordFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'id'> {
  label: string;
  error?: string | null;
  hint?: ReactNode;
}

export function PasswordField({ label, error, ...input }: PasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...input}
      label={label}
      error={error}
      type={visible ? 'text' : 'password'}
      autoComplete={input.autoComplete ?? 'current-password'}
      spellCheck={false}
      trailing={
        <button
          type="button"
          className="secondary"
          aria-pressed={visible}
          aria-label={visible ? `Hide ${label.toLowerCase()}` : `Show ${label.toLowerCase()}`}
          onClick={() => setVisible((shown) => !shown)}
        >
          {visible ? 'Hide' : 'Show'}
        </button>
      }
    />
  );
}
