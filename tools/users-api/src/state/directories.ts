// The external directories Rocket.Chat binds against: an LDAP server (searched by `uid`,
// Rocket.Chat's default LDAP_User_Search_Field) and an Atlassian Crowd server. Here they are
// in memory, filled from seed users' `ldap` / `crowd` entries. docs/sign-in.md.

export interface LdapEntry {
  uid: string;
  /** Plain: a bind compares it as the LDAP server would. */
  password: string;
  userId: string;
}

export interface CrowdEntry {
  name: string;
  password: string;
  active: boolean;
  displayName?: string;
  email?: string;
}

export class Directories {
  private readonly ldap = new Map<string, LdapEntry>();
  private readonly crowd = new Map<string, CrowdEntry>();

  addLdap(entry: LdapEntry): void {
    this.ldap.set(entry.uid.toLowerCase(), entry);
  }

  addCrowd(entry: CrowdEntry): void {
    this.crowd.set(entry.name.toLowerCase(), entry);
  }

  /** An LDAP search by uid followed by a bind with the password; undefined when either fails. */
  ldapBind(uid: string, password: string): LdapEntry | undefined {
    const entry = this.ldap.get(uid.toLowerCase());
    return entry && entry.password === password ? entry : undefined;
  }

  /** Crowd's user.authenticate: the entry, or undefined for an unknown name or a wrong password. */
  crowdAuthenticate(name: string, password: string): CrowdEntry | undefined {
    const entry = this.crowd.get(name.toLowerCase());
    return entry && entry.password === password ? entry : undefined;
  }
}
