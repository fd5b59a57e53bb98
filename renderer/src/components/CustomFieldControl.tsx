import { useId } from 'react';
import type { CustomFieldDefinition } from '../../../shared/customFields';
import type { FieldBinding } from '../forms/useFormFields';
import { fieldNoteIds, FieldNotes } from './FieldNotes';
import { TextField } from './TextField';

/**
 * One custom field with the control its workspace defines (`Accounts_CustomFields`): a list
 * offers only the workspace's values, text takes at most its maximum length, and a required
 * field says so. A field the workspace does not define (or any, where it forbids profile
 * changes) shows its value read-only with the reason.
 */
export function CustomFieldControl({
  field,
  definition,
  lock,
  onChoose,
  ...bind
}: FieldBinding & {
  /** The form's name for it: `customFields.<key>`. */
  field: string;
  definition: CustomFieldDefinition | undefined;
  lock: string | undefined;
  onChoose(value: string): void;
}) {
  const key = field.slice('customFields.'.length);
  const label = definition?.required ? `${key} (required)` : key;
  if (definition?.type === 'select' && !lock) return <CustomSelect label={label} definition={definition} onChoose={onChoose} {...bind} />;
  const hint = lock ?? (definition?.maxLength ? `At most ${definition.maxLength} characters.` : undefined);
  return (
    <TextField label={label} name={field} {...bind} required={definition?.required} readOnly={lock !== undefined} {...(hint && { hint })} />
  );
}

function CustomSelect({
  label,
  definition,
  onChoose,
  value,
  error,
  ref,
  onBlur,
}: FieldBinding & {
  label: string;
  definition: CustomFieldDefinition;
  onChoose(value: string): void;
}) {
  const id = useId();
  const options = definition.options ?? [];
  // A value stored before the workspace changed its list stays visible until another is chosen.
  const shown = value !== '' && !options.includes(value) ? [value, ...options] : options;
  const { describedBy } = fieldNoteIds(id, undefined, error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        required={definition.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        ref={ref}
        onBlur={onBlur}
        onChange={(event) => onChoose(event.target.value)}
      >
        {value === '' && (
          <option value="" disabled>
            Choose…
          </option>
        )}
        {shown.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <FieldNotes id={id} error={error} />
    </div>
  );
}
