// Which Rocket.Chat release the server imitates (--compat). Routes and parameters that
// appeared in a minor release are answered only from that release on, as the real
// server would (a route it does not have is a 404).

/** The major lines the server imitates; most differences are per line. */
export type Compat = 7 | 8;

export interface Release {
  major: Compat;
  minor: number;
}

/** The newest minor of each line the server knows (what `--compat 7` and `--compat 8` mean). */
const newestMinor: Record<Compat, number> = { 7: 13, 8: 8 };

/** `7`, `8`, `7.<minor>` or `8.<minor>` (up to the newest minor known); null when it is none of those. */
export function parseRelease(text: string | number): Release | null {
  const match = /^(7|8)(?:\.(\d{1,2}))?$/.exec(String(text).trim());
  if (!match) return null;
  const major = Number(match[1]) as Compat;
  const minor = match[2] === undefined ? newestMinor[major] : Number(match[2]);
  return minor <= newestMinor[major] ? { major, minor } : null;
}

/** True when `release` is `since` or later (`since` as "8.6"). */
export function isAtLeast(release: Release, since: string): boolean {
  const wanted = parseRelease(since);
  if (!wanted) throw new Error(`not a release: ${since}`);
  return release.major > wanted.major || (release.major === wanted.major && release.minor >= wanted.minor);
}

/** The version /api/info reports for the release. */
export function versionOf(release: Release): string {
  return `${release.major}.${release.minor}.1`;
}
