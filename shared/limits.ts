/** Sizes both sides check; zod-free so the renderer can import them without a schema library. */
export const maxAvatarUploadBytes = 1024 * 1024;

/**
 * The longest text each kind of input may carry, in UTF-16 code units (what `String.length`
 * and zod's `.max` count). The contract's schemas are built from these numbers, and every
 * text field of the window must be given its limit: a longer value is refused at the field
 * ("Too long") and never sent, so no window can build a call the core would refuse for size.
 */
export const textLimits = {
  serverAddress: 2048,
  /** Username or email typed to sign in. */
  signInUser: 320,
  signInPassword: 1024,
  /** A second-factor code typed to sign in (TOTP, backup or emailed code). */
  signInCode: 64,
  lookupValue: 320,
  directoryQuery: 200,
  /** A username asked about while typing (profile.checkUsername). */
  username: 200,
  /** Any profile field or custom field value as the contract carries it (the field's own rule may be shorter). */
  profileText: 2000,
  customFieldKey: 64,
  email: 320,
  /** Passwords and codes that confirm a sensitive change, and a new password. */
  secret: 1000,
  /** The 6-digit code that turns an authenticator on or off (with room for spaces). */
  totpCode: 20,
  /** A rocketchat:// link or the address a single sign-on ended on, pasted to finish it. */
  signInLink: 4096,
  /** The user ID and the personal access token of an access-token sign-in. */
  accessTokenUserId: 200,
  accessToken: 200,
  /** The name a person gives a personal access token they create (Rocket.Chat sets none; the name is only a label). */
  accessTokenName: 100,
  /** A proxy's sign-in, asked by the desktop shell. */
  proxyUser: 500,
  proxyPassword: 1000,
} as const;

/**
 * How many people a directory sync copies for one server unless the person raises it.
 * 100,000 covers all but the largest workspaces while bounding what a server (or a server
 * claiming a false total) can make this computer store: about 55 MB on disk and 1,000
 * page requests (docs/decisions.md D48).
 */
export const defaultDirectoryLimit = 100_000;

/**
 * People per page of a directory search. The first page is what every keystroke waits for,
 * so it holds what the list shows and a few screens more (a 600-pixel list shows about ten
 * rows); the next page is asked for while the person scrolls towards the end of this one.
 * The search benchmark (P2) times pages of this size.
 */
export const directoryPageSize = 50;

/** The most people one directory search page may ask for. */
export const maxDirectoryPageSize = 100;

/** The highest directory limit a person may set: about 2.7 GB of disk at that size. */
export const maxDirectoryLimit = 5_000_000;
