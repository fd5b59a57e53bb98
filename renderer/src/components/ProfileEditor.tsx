import { useEffect, useState, type FormEvent } from 'react';
import { textLimits } from '../../../shared/limits';
import type { OutboxItem } from '../../../shared/outboxSchemas';
import {
  basicFields,
  checkField,
  customField,
  customFieldKeyPattern,
  editableValue,
  fieldLimits,
  isCustomField,
  flattenChanges,
  isEditField,
  labelOf,
  nestChanges,
  statusTypes,
  type EditField,
} from '../../../shared/profileEdits';
import type { UserProfile, WorkspaceOffers } from '../../../shared/profileSchemas';
import { useOutbox } from '../stores/outboxStore';
import { useUi } from '../stores/uiStore';
import { usernameKey, useUsernameCheck } from '../stores/usernameCheckStore';
import { focusTooLong } from '../forms/lengthLimit';
import { presenceWords } from '../words/presence';
import { BusyButton } from './BusyButton';
import { ScreenHeading } from './ScreenHeading';
import { TextAreaField } from './TextAreaField';
import { TextField } from './TextField';

type Values = Record<string, string>;

/** What the form starts from: the saved profile, with edits still in the outbox on top. */
function startingValues(profile: UserProfile, pending: Record<string, OutboxItem>): Values {
  const fields: EditField[] = [...basicFields, ...Object.keys(profile.customFields ?? {}).map(customField)];
  const values: Values = Object.fromEntries(fields.map((field) => [field, editableValue(profile, field)]));
  values.statusType ||= 'online';
  for (const item of Object.values(pending)) values[item.field] = item.value;
  return values;
}

function changesOf(values: Values, initial: Values) {
  return nestChanges(
    Object.entries(values)
      .filter(([field, value]) => value !== initial[field] && isEditField(field))
      .map(([field, value]) => ({ field: field as EditField, value })),
  );
}

/**
 * Edit mode of the profile: checked as you type with the server's rules, the username's
 * availability asked while typing (when online), saved to the outbox on Save.
 */
export function ProfileEditor({
  accountId,
  profile,
  pending,
  workspace,
  onDone,
}: {
  accountId: string;
  profile: UserProfile;
  pending: Record<string, OutboxItem>;
  /** What the workspace lets a person change: the rest is shown read-only, saying why. */
  workspace: WorkspaceOffers;
  /** Saved (the edited fields, as the outbox names them) or cancelled (null). */
  onDone(savedFields: string[] | null): void;
}) {
  const [initial] = useState(() => startingValues(profile, pending));
  const [values, setValues] = useState(initial);
  const [serverErrors, setServerErrors] = useState<Values>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [newField, setNewField] = useState({ key: '', value: '' });
  const setUnsaved = useUi((state) => state.setUnsaved);
  const edit = useOutbox((state) => state.edit);
  const checkUsername = useUsernameCheck((state) => state.check);
  const changes = changesOf(values, initial);
  const dirty = Object.keys(changes).length > 0;

  useEffect(() => {
    setUnsaved(dirty);
  }, [dirty, setUnsaved]);
  useEffect(() => () => setUnsaved(false), [setUnsaved]);

  // Ask the server whether a new username is free, once typing pauses.
  const username = values.username ?? '';
  const usernameProblem = useUsernameCheck((state) => state.verdicts[usernameKey(accountId, username)]?.problem ?? null);
  useEffect(() => {
    if (username === initial.username || checkField('username', username)) return undefined;
    const timer = setTimeout(() => void checkUsername(accountId, username), 400);
    return () => clearTimeout(timer);
  }, [accountId, username, initial.username, checkUsername]);

  const errorOf = (field: string): string | null => {
    if (values[field] === initial[field] && !serverErrors[field]) return null;
    return checkField(field as EditField, values[field] ?? '') || serverErrors[field] || (field === 'username' ? usernameProblem : null);
  };
  const lockOf = (field: string): string | undefined =>
    isCustomField(field)
      ? workspace.locked.customFields
      : workspace.locked[field as 'name' | 'username' | 'nickname' | 'bio' | 'statusText'];
  /** A field the workspace does not let a person change: read-only, its sentence in place of the hint. */
  const locking = (field: string) => {
    const lock = lockOf(field);
    return lock ? { readOnly: true, hint: lock } : {};
  };
  const set = (field: string) => (event: { target: { value: string } }) => {
    setValues({ ...values, [field]: event.target.value });
    setServerErrors({ ...serverErrors, [field]: '' });
  };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (focusTooLong(form)) return;
    const invalid = Object.keys(values).find((field) => errorOf(field));
    if (invalid) {
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    if (!dirty) return onDone(null);
    setBusy(true);
    setFailure(null);
    const answer = await edit(accountId, changes);
    setBusy(false);
    if (answer.ok) {
      setUnsaved(false);
      onDone(flattenChanges(changes).map((edit) => edit.field));
      return;
    }
    const fields = Object.fromEntries(
      Object.entries(answer.error.fields ?? {}).map(([key, message]) => [
        key.replace(/^changes\.(customFields\.)?/, (_, custom: string | undefined) => custom ?? ''),
        message,
      ]),
    );
    setServerErrors(fields);
    setFailure(Object.keys(fields).length > 0 ? 'Some fields need attention.' : answer.error.message);
    // The first field the server named, once React has marked it.
    requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  };

  const cancel = () => {
    setUnsaved(false);
    onDone(null);
  };

  const addField = () => {
    const key = newField.key.trim();
    if (!customFieldKeyPattern.test(key) || Object.hasOwn(values, customField(key))) return;
    setValues({ ...values, [customField(key)]: newField.value });
    setNewField({ key: '', value: '' });
  };

  const customKeys = Object.keys(values).filter(isCustomField);
  return (
    <form className="form editor" onSubmit={(event) => void save(event)} noValidate aria-labelledby="editor-title">
      <ScreenHeading id="editor-title" level={2} focusOnMount>
        Edit profile
      </ScreenHeading>
      <TextField
        label="Name"
        name="name"
        value={values.name ?? ''}
        limit={textLimits.profileText}
        error={errorOf('name')}
        onChange={set('name')}
        autoComplete="name"
        {...locking('name')}
      />
      <TextField
        label="Username"
        name="username"
        value={values.username ?? ''}
        limit={textLimits.username}
        error={errorOf('username')}
        onChange={set('username')}
        spellCheck={false}
        autoComplete="username"
        hint="Letters, digits, dots, dashes and underscores."
        {...locking('username')}
      />
      <TextField
        label="Nickname"
        name="nickname"
        value={values.nickname ?? ''}
        limit={textLimits.profileText}
        error={errorOf('nickname')}
        onChange={set('nickname')}
        {...locking('nickname')}
      />
      <TextAreaField
        label="Bio"
        name="bio"
        rows={3}
        value={values.bio ?? ''}
        limit={textLimits.profileText}
        counter={fieldLimits.bio}
        error={errorOf('bio')}
        onChange={set('bio')}
        {...locking('bio')}
      />
      <div className="field">
        <label htmlFor="edit-status">Status</label>
        <select id="edit-status" value={values.statusType} onChange={set('statusType')}>
          {/* The statuses the workspace allows, and the one chosen even if no longer allowed (so it shows). */}
          {statusTypes
            .filter((status) => workspace.statuses.includes(status) || status === initial.statusType)
            .map((status) => (
              <option key={status} value={status}>
                {presenceWords[status]}
              </option>
            ))}
        </select>
      </div>
      <TextField
        label="Status text"
        name="statusText"
        value={values.statusText ?? ''}
        limit={textLimits.profileText}
        error={errorOf('statusText')}
        onChange={set('statusText')}
        {...locking('statusText')}
      />
      {customKeys.length > 0 && <h3 className="section-title">Custom fields</h3>}
      {customKeys.map((field) => (
        <TextField
          key={field}
          label={labelOf(field as EditField)}
          name={field}
          value={values[field] ?? ''}
          limit={textLimits.profileText}
          error={errorOf(field)}
          onChange={set(field)}
          {...locking(field)}
        />
      ))}
      {!workspace.locked.customFields && (
        <fieldset className="add-field">
          <legend>Add a custom field</legend>
          <TextField
            label="Field name"
            name="new-field-key"
            value={newField.key}
            limit={textLimits.customFieldKey}
            onChange={(event) => setNewField({ ...newField, key: event.target.value })}
          />
          <TextField
            label="Field value"
            name="new-field-value"
            value={newField.value}
            limit={textLimits.profileText}
            onChange={(event) => setNewField({ ...newField, value: event.target.value })}
          />
          <button type="button" className="secondary" onClick={addField} disabled={!/^[^.\s]{1,64}$/.test(newField.key.trim())}>
            Add field
          </button>
        </fieldset>
      )}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      <div className="actions">
        <BusyButton type="submit" busy={busy} busyLabel="Saving…">
          Save
        </BusyButton>
        <button type="button" className="secondary" onClick={cancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
