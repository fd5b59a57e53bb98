/** What an account is called wherever the app names it: several may be signed in on one server. */
export interface LabelledAccount {
  username: string;
  displayName: string | null;
  serverName: string;
}

/** "Funke Olasupo (roxie) on Demo server", or "roxie on Demo server" when the name adds nothing. */
export function accountLabel({ username, displayName, serverName }: LabelledAccount): string {
  const name = displayName?.trim() ?? '';
  const who = name !== '' && name !== username ? `${name} (${username})` : username || 'This account';
  return `${who} on ${serverName}`;
}
