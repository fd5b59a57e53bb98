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
import { useFormFields, type FieldRule } from '../forms/useFormFields';
import { presenceWords } from '../words/presence';
import { BusyButton } from './BusyButton';
import { ScreenHeading } from './ScreenHeading';
import { TextAreaField } from './TextAreaField';
import { TextField } from './TextField';
import { UsernameSuggestion } from './UsernameSuggestion';

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
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setUnsaved = useUi((state) => state.setUnsaved);
  const edit = useOutbox((state) => state.edit);
  const checkUsername = useUsernameCheck((state) => state.check);
  // A field speaks as it is typed, by the server's rules; one left as it was says nothing, whatever it holds.
  const fields = useFormFields<string>(initial, ruleOf, { checkFrom: 'typing' });
  const adding = useFormFields({ key: '', value: '' }, (name) => ({
    limit: name === 'key' ? textLimits.customFieldKey : textLimits.profileText,
  }));
  const { values } = fields;
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
    // The check's answer shows beside the field; a timer has nobody to hand it to.
    const timer = setTimeout(() => void checkUsername(accountId, username), 400);
    return () => clearTimeout(timer);
  }, [accountId, username, initial.username, checkUsername]);

  function ruleOf(field: string): FieldRule {
    const limit = field === 'username' ? textLimits.username : textLimits.profileText;
    return {
      limit,
      check: (value) =>
        value === initial[field] ? null : (checkField(field as EditField, value) ?? (field === 'username' ? usernameProblem : null)),
    };
  }
  const lockOf = (field: string): string | undefined =>
    isCustomField(field)
      ? workspace.locked.customFields
      : workspace.locked[field as 'name' | 'username' | 'nickname' | 'bio' | 'statusText'];
  /** A field the workspace does not let a person change: read-only, its sentence in place of the hint. */
  const locking = (field: string) => {
    const lock = lockOf(field);
    return lock ? { readOnly: true, hint: lock } : {};
  };
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fields.validate() || !adding.validate()) return;
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
    const said = Object.fromEntries(
      Object.entries(answer.error.fields ?? {}).map(([key, message]) => [
        key.replace(/^changes\.(customFields\.)?/, (_, custom: string | undefined) => custom ?? ''),
        message,
      ]),
    );
    fields.answer(said);
    setFailure(Object.keys(said).length > 0 ? 'Some fields need attention.' : answer.error.message);
  };

  const cancel = () => {
    setUnsaved(false);
    onDone(null);
  };

  const newKey = adding.values.key.trim();
  const addField = () => {
    if (!customFieldKeyPattern.test(newKey) || Object.hasOwn(values, customField(newKey))) return;
    fields.set(customField(newKey), adding.values.value);
    adding.reset({ key: '', value: '' });
  };

  const customKeys = Object.keys(values).filter(isCustomField);
  return (
    <form
      className="form editor"
      onSubmit={(event) => void save(event) /* the form shows how it went */}
      noValidate
      aria-labelledby="editor-title"
    >
      <ScreenHeading id="editor-title" level={2} focusOnMount>
        Edit profile
      </ScreenHeading>
      <TextField label="Name" name="name" {...fields.bind('name')} autoComplete="name" {...locking('name')} />
      <TextField
        label="Username"
        name="username"
        {...fields.bind('username')}
        spellCheck={false}
        autoComplete="username"
        hint="Letters, digits, dots, dashes and underscores."
        {...locking('username')}
      />
      {initial.username === '' && !lockOf('username') && (
        <UsernameSuggestion accountId={accountId} onSuggested={(suggested) => fields.set('username', suggested)} />
      )}
      <TextField label="Nickname" name="nickname" {...fields.bind('nickname')} {...locking('nickname')} />
      <TextAreaField label="Bio" name="bio" rows={3} counter={fieldLimits.bio} {...fields.bind('bio')} {...locking('bio')} />
      <div className="field">
        <label htmlFor="edit-status">Status</label>
        <select id="edit-status" value={values.statusType} onChange={(event) => fields.set('statusType', event.target.value)}>
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
      <TextField label="Status text" name="statusText" {...fields.bind('statusText')} {...locking('statusText')} />
      {customKeys.length > 0 && <h3 className="section-title">Custom fields</h3>}
      {customKeys.map((field) => (
        <TextField key={field} label={labelOf(field as EditField)} name={field} {...fields.bind(field)} {...locking(field)} />
      ))}
      {!workspace.locked.customFields && (
        <fieldset className="add-field">
          <legend>Add a custom field</legend>
          <TextField label="Field name" name="new-field-key" {...adding.bind('key')} />
          <TextField label="Field value" name="new-field-value" {...adding.bind('value')} />
          <button type="button" className="secondary" onClick={addField} disabled={!customFieldKeyPattern.test(newKey)}>
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
