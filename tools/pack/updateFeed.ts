// The update feed of a build (docs/decisions.md D74): electron-builder.yml `extends` this file,
// so the feed comes from the environment at build time. With AM_UPDATE_URL set, every package
// carries `resources/app-update.yml` pointing there and the build writes the files a generic
// https server hands electron-updater (latest.yml, latest-mac.yml, latest-linux.yml and the
// packages); without it there is no feed, and the app's About screen says updates are not set
// up for this build. `publish: null` also stops electron-builder from guessing a GitHub feed
// from the git remote.

export interface UpdateFeedConfig {
  publish: { provider: 'generic'; url: string }[] | null;
}

export function updateFeedConfig(env: NodeJS.ProcessEnv = process.env): UpdateFeedConfig {
  const value = env.AM_UPDATE_URL?.trim();
  if (!value) return { publish: null };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`AM_UPDATE_URL is not a web address: ${value}`);
  }
  // electron-updater installs what it downloads from here: only over https.
  if (url.protocol !== 'https:') throw new Error(`AM_UPDATE_URL must be an https:// address (it is ${url.protocol}//…).`);
  return { publish: [{ provider: 'generic', url: url.href }] };
}

// electron-builder calls a config module's default export with its own request object: read the environment here.
export default (): UpdateFeedConfig => updateFeedConfig(process.env);
