import keytar from '@github/keytar';

/**
 * Whether a Secret Service answers in this process. Keychain tests run for real:
 * in CI (CI=true) a missing one is a failure, not a reason to skip.
 */
export async function secretServiceAvailable(): Promise<boolean> {
  try {
    await keytar.findCredentials('account-manager-probe');
    return true;
  } catch {
    return false;
  }
}

export const requireKeychain = process.env.CI === 'true' || process.env.AM_REQUIRE_KEYCHAIN === '1';
