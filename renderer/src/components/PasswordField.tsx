import { useState } from 'react';
import { TextField, type TextFieldProps } from './TextField';

type PasswordFieldProps = Omit<TextFieldProps, 'type' | 'trailing'>;

/** A password input with show/hide; like every field it must be given the contract's limit. */
export function PasswordField({ label, ...input }: PasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...input}
      label={label}
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
