import { useEffect, useState, type FormEvent } from 'react';
import { checkCustomValue, type CustomFieldDefinition } from '../../../shared/customFields';
import { textLimits } from '../../../shared/limits';
import type { OutboxItem } from '../../../shared/outboxSchemas';
import {
  basicFields,
  checkField,
  customField,
  customKeyOf,
  editableValue,
  fieldLimits,
  isCustomField,
  flattenChanges,
  isEditField,
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
import { CustomFieldControl } from './CustomFieldControl';
import { ScreenHeading } from './ScreenHeading';
import { TextAreaField } from './TextAreaField';
import { TextField } from './TextField';
import { UsernameSuggestion } from './UsernameSuggestion';

type Values = Record<string, string>;

/**
 * The custom fields the form shows: those the workspace defines, in its order, then those the
 * profile holds that it does not define (shown, not editable). While the definition is unknown,
 * the profile's own fields, as text.
 */
function customKeysOf(profile: UserProfile, definitions: CustomFieldDefinition[] | undefined): string[] {
  const held = Object.keys(profile.customFields ?? {});
  if (!definitions) return held;
  const defined = definitions.map((definition) => definition.key);
  return [...defined, ...held.filter((key) => !defined.includes(key))];
}

/** What the form starts from: the saved profile, with edits still in the outbox on top. */
function startingValues(
  profile: UserProfile,
  pending: Record<string, OutboxItem>,
  definitions: CustomFieldDefinition[] | undefined,
): Values {
  const fields: EditField[] = [...basicFields, ...customKeysOf(profile, definitions).map(customField)];
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
  const [initial] = useState(() => startingValues(profile, pending, workspace.customFields));
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setUnsaved = useUi((state) => state.setUnsaved);
  const edit = useOutbox((state) => state.edit);
  const checkUsername = useUsernameCheck((state) => state.check);
  // A field speaks as it is typed, by the server's rules; one left as it was says nothing, whatever it holds.
  const fields = useFormFields<string>(initial, ruleOf, { checkFrom: 'typing' });
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

  const definitionOf = (field: string): CustomFieldDefinition | undefined => {
    const key = isEditField(field) ? customKeyOf(field) : null;
    return key === null ? undefined : workspace.customFields?.find((definition) => definition.key === key);
  };
  function ruleOf(field: string): FieldRule {
    const definition = definitionOf(field);
    const limit = field === 'username' ? textLimits.username : (definition?.maxLength ?? textLimits.profileText);
    return {
      limit,
      check: (value) =>
        value === initial[field]
          ? null
          : (checkField(field as EditField, value) ??
            (definition ? checkCustomValue(definition, value) : null) ??
            (field === 'username' ? usernameProblem : null)),
    };
  }
  const lockOf = (field: string): string | undefined =>
    isCustomField(field)
      ? (workspace.locked.customFields ??
        (workspace.customFields && !definitionOf(field)
          ? 'This workspace no longer defines this field: it keeps no change to it.'
          : undefined))
      : workspace.locked[field as 'name' | 'username' | 'nickname' | 'bio' | 'statusText'];
  /** A field the workspace does not let a person change: read-only, its sentence in place of the hint. */
  const locking = (field: string) => {
    const lock = lockOf(field);
    return lock ? { readOnly: true, hint: lock } : {};
  };
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fields.validate()) return;
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
        <CustomFieldControl
          key={field}
          field={field}
          definition={definitionOf(field)}
          {...fields.bind(field)}
          lock={lockOf(field)}
          onChoose={(value) => fields.set(field, value)}
        />
      ))}
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
