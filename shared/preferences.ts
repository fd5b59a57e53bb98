/**
 * The one codec of a person's preferences (users.getPreferences / users.setPreferences,
 * docs/protocol.md §6 "Preferences"), shared by the window, the core and the outbox: which
 * preferences the app offers, their words, the values each may take, and how a value is kept
 * in an outbox row (`preferences.<key>`, the value as JSON text; '' when the person never set
 * it and the workspace's default applies). Zod-free, so the window checks as you type with
 * the rules the core applies before anything is queued.
 */

export type PreferenceValue = string | number | boolean | string[];

interface Choice {
  value: string;
  label: string;
}

type Kind =
  | { kind: 'choice'; choices: readonly Choice[] }
  | { kind: 'switch' }
  | { kind: 'seconds'; min: number; max: number }
  | { kind: 'words'; maxWords: number; maxLength: number };

export type PreferenceSpec = Kind & { key: PreferenceKey; label: string; group: PreferenceGroup };

export const preferenceGroups = ['Language', 'Notifications', 'Presence', 'Messages'] as const;
export type PreferenceGroup = (typeof preferenceGroups)[number];

const notify: readonly Choice[] = [
  { value: 'default', label: 'As the workspace sets it' },
  { value: 'all', label: 'Every message' },
  { value: 'mentions', label: 'Mentions only' },
  { value: 'nothing', label: 'Nothing' },
];

/** Languages Rocket.Chat ships translations for that people ask for most; a value set elsewhere is offered too. */
export const languageChoices: readonly Choice[] = [
  { value: 'default', label: 'As the workspace sets it' },
  { value: 'en', label: 'English' },
  { value: 'de', label: 'Deutsch' },
  { value: 'es', label: 'Español' },
  { value: 'fr', label: 'Français' },
  { value: 'it', label: 'Italiano' },
  { value: 'nl', label: 'Nederlands' },
  { value: 'pl', label: 'Polski' },
  { value: 'pt-BR', label: 'Português (Brasil)' },
  { value: 'pt', label: 'Português' },
  { value: 'ru', label: 'Русский' },
  { value: 'sv', label: 'Svenska' },
  { value: 'tr', label: 'Türkçe' },
  { value: 'uk', label: 'Українська' },
  { value: 'ja', label: '日本語' },
  { value: 'zh', label: '简体中文' },
  { value: 'zh-TW', label: '繁體中文' },
];

/**
 * What the app offers, in the order shown. Every key is in the validator of rest-typings 7.0
 * and later, so each supported server takes it. Left out on purpose (docs/decisions.md D93):
 * notification sounds and volumes (the workspace's own sound list, and volumes only from 7.9),
 * clock mode (0 removes the key, so it never reads back as sent), sidebar and theme layout of
 * the web client, omnichannel and call settings, feature previews, dialogs not to ask again,
 * utcOffset (a client sets it from the computer's clock) and who may see one's status (8.x only).
 */
export const preferenceSpecs = [
  { key: 'language', label: 'Language', group: 'Language', kind: 'choice', choices: languageChoices },
  { key: 'desktopNotifications', label: 'Desktop notifications', group: 'Notifications', kind: 'choice', choices: notify },
  { key: 'pushNotifications', label: 'Mobile notifications', group: 'Notifications', kind: 'choice', choices: notify },
  {
    key: 'emailNotificationMode',
    label: 'Email notifications',
    group: 'Notifications',
    kind: 'choice',
    choices: [
      { value: 'default', label: 'As the workspace sets it' },
      { value: 'mentions', label: 'Mentions and direct messages, while away' },
      { value: 'nothing', label: 'Never' },
    ],
  },
  { key: 'highlights', label: 'Highlighted words', group: 'Notifications', kind: 'words', maxWords: 50, maxLength: 100 },
  {
    key: 'desktopNotificationRequireInteraction',
    label: 'Keep desktop notifications until clicked',
    group: 'Notifications',
    kind: 'switch',
  },
  { key: 'unreadAlert', label: 'Sound for unread messages', group: 'Notifications', kind: 'switch' },
  { key: 'muteFocusedConversations', label: 'Mute the conversation in view', group: 'Notifications', kind: 'switch' },
  { key: 'receiveLoginDetectionEmail', label: 'Email me about new sign-ins', group: 'Notifications', kind: 'switch' },
  { key: 'enableAutoAway', label: 'Away when idle', group: 'Presence', kind: 'switch' },
  { key: 'idleTimeLimit', label: 'Idle after (seconds)', group: 'Presence', kind: 'seconds', min: 60, max: 86_400 },
  { key: 'useEmojis', label: 'Use emojis', group: 'Messages', kind: 'switch' },
  { key: 'convertAsciiEmoji', label: 'Turn :) into emojis', group: 'Messages', kind: 'switch' },
  { key: 'autoImageLoad', label: 'Load images automatically', group: 'Messages', kind: 'switch' },
  { key: 'saveMobileBandwidth', label: 'Save mobile data', group: 'Messages', kind: 'switch' },
  { key: 'collapseMediaByDefault', label: 'Collapse media', group: 'Messages', kind: 'switch' },
  { key: 'hideUsernames', label: 'Hide usernames', group: 'Messages', kind: 'switch' },
  { key: 'hideRoles', label: 'Hide roles', group: 'Messages', kind: 'switch' },
  { key: 'displayAvatars', label: 'Show avatars', group: 'Messages', kind: 'switch' },
  { key: 'showThreadsInMainChannel', label: 'Show thread replies in the room', group: 'Messages', kind: 'switch' },
  {
    key: 'alsoSendThreadToChannel',
    label: 'Also send thread replies to the room',
    group: 'Messages',
    kind: 'choice',
    choices: [
      { value: 'default', label: 'Ask each time' },
      { value: 'always', label: 'Always' },
      { value: 'never', label: 'Never' },
    ],
  },
  {
    key: 'sendOnEnter',
    label: 'Enter key',
    group: 'Messages',
    kind: 'choice',
    choices: [
      { value: 'normal', label: 'Sends; Shift+Enter for a new line' },
      { value: 'alternative', label: 'New line; Ctrl+Enter sends' },
      { value: 'desktop', label: 'Sends on a computer, new line on a phone' },
    ],
  },
] as const satisfies readonly (Kind & { key: string; label: string; group: PreferenceGroup })[];

export type PreferenceKey = (typeof preferenceSpecs)[number]['key'];
export const preferenceKeys: readonly PreferenceKey[] = preferenceSpecs.map((spec) => spec.key);

const prefix = 'preferences.';
/** A preference as an outbox field. */
export type PreferenceField = `preferences.${PreferenceKey}`;

export function preferenceField(key: PreferenceKey): PreferenceField {
  return `${prefix}${key}`;
}

export function isPreferenceKey(key: string): key is PreferenceKey {
  return (preferenceKeys as readonly string[]).includes(key);
}

export function isPreferenceField(field: string): field is PreferenceField {
  return field.startsWith(prefix) && isPreferenceKey(field.slice(prefix.length));
}

export function preferenceKeyOf(field: PreferenceField): PreferenceKey {
  return field.slice(prefix.length) as PreferenceKey;
}

export function specOf(key: PreferenceKey): PreferenceSpec {
  return preferenceSpecs.find((spec) => spec.key === key) as PreferenceSpec;
}

/** A value as an outbox row keeps it; '' for a preference the person never set. */
export function encodePreference(value: unknown): string {
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

/** An outbox row's value back as the server takes it; undefined for ''. */
export function decodePreference(text: string): PreferenceValue | undefined {
  return text === '' ? undefined : (JSON.parse(text) as PreferenceValue);
}

/** The problem with a value, in plain words, or null when the server will take it. */
export function checkPreference(key: PreferenceKey, value: unknown): string | null {
  const spec = specOf(key);
  switch (spec.kind) {
    case 'choice':
      // A language the app does not list may have been set elsewhere; any short code is kept.
      if (key === 'language')
        return typeof value === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$|^default$/.test(value) ? null : 'Choose a language.';
      return spec.choices.some((choice) => choice.value === value) ? null : `Choose one of the options for ${spec.label.toLowerCase()}.`;
    case 'switch':
      return typeof value === 'boolean' ? null : `${spec.label} is on or off.`;
    case 'seconds':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'Enter a whole number of seconds.';
      if (value < spec.min) return `The server wants at least ${spec.min} seconds (one minute).`;
      return value > spec.max ? `At most ${spec.max} seconds (one day).` : null;
    case 'words': {
      if (!Array.isArray(value) || !value.every((word) => typeof word === 'string')) return 'Highlighted words are a list of words.';
      if (value.length > spec.maxWords) return `At most ${spec.maxWords} highlighted words.`;
      if (value.some((word) => word.trim() === '')) return 'A highlighted word cannot be empty.';
      if (value.some((word) => word.length > spec.maxLength)) return `A highlighted word may have at most ${spec.maxLength} characters.`;
      return new Set(value.map((word) => word.toLowerCase())).size === value.length ? null : 'Each highlighted word once.';
    }
  }
}

/** A value in words, for Activity and the conflict dialog. */
export function preferenceWords(key: PreferenceKey, text: string): string {
  if (text === '') return 'as the workspace sets it';
  const value = decodePreference(text);
  const spec = specOf(key);
  if (spec.kind === 'choice') return spec.choices.find((choice) => choice.value === value)?.label ?? String(value);
  if (spec.kind === 'switch') return value === true ? 'on' : 'off';
  if (spec.kind === 'seconds') return `${String(value)} seconds`;
  return Array.isArray(value) && value.length > 0 ? value.join(', ') : 'none';
}
