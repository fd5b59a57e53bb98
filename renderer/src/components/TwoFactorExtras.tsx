import type { SecurityView } from '../../../shared/securitySchemas';
import { useEffect } from 'react';
import { useTwoFactor } from '../stores/twoFactorStore';
import { BackupCodesSection } from './BackupCodesSection';
import { EmailCodesSection } from './EmailCodesSection';

/**
 * Codes by email and backup codes, under the authenticator app. Read again whenever the
 * screen's settings are (`security` is a new object after every load), so both say the same.
 */
export function TwoFactorExtras({ security, onDone }: { security: SecurityView; onDone(message: string): void }) {
  const { accountId } = security;
  const settings = useTwoFactor((state) => state.views[accountId]);
  const problem = useTwoFactor((state) => state.problems[accountId]);
  const load = useTwoFactor((state) => state.load);

  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    void load(accountId);
  }, [accountId, security, load]);

  if (problem) return <p className="hint">{problem}</p>;
  if (!settings) return null;
  const { backupCodes } = settings;
  return (
    <>
      <EmailCodesSection settings={settings} onDone={onDone} />
      {backupCodes && <BackupCodesSection settings={{ ...settings, backupCodes }} onDone={onDone} />}
    </>
  );
}
