import { useId, useState } from 'react';

/** A list of words: each with its own Remove button, and a field to add one. */
export function HighlightsEditor({
  label,
  words,
  maxLength,
  disabled,
  onChange,
}: {
  label: string;
  words: readonly string[];
  maxLength: number;
  disabled: boolean;
  onChange(words: string[]): void;
}) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const word = typed.trim();
  const known = words.some((existing) => existing.toLowerCase() === word.toLowerCase());
  const add = () => {
    if (word === '' || known) return;
    onChange([...words, word]);
    setTyped('');
  };
  return (
    <fieldset className="word-list" disabled={disabled}>
      <legend>{label}</legend>
      {words.length === 0 ? (
        <p className="hint">No highlighted words.</p>
      ) : (
        <ul aria-label={label}>
          {words.map((existing) => (
            <li key={existing}>
              <span>{existing}</span>{' '}
              <button type="button" className="link" onClick={() => onChange(words.filter((other) => other !== existing))}>
                Remove <span className="visually-hidden">“{existing}”</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${id}-add`}>Add a highlighted word</label>
      <input
        id={`${id}-add`}
        value={typed}
        maxLength={maxLength}
        onChange={(event) => setTyped(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          add();
        }}
      />
      <button type="button" onClick={add} disabled={word === '' || known}>
        Add
      </button>
      {known && <p className="hint">“{word}” is already in the list.</p>}
    </fieldset>
  );
}
