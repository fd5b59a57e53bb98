import { useState, type FormEvent } from 'react';
import { textLimits } from '../../../shared/limits';
import type { TwoFactorSettings } from '../../../shared/twoFactorSchemas';
import { codeShapeProblem } from '../../../shared/twoFactorCode';
import { useFormFields } from '../forms/useFormFields';
import { useTwoFactor } from '../stores/twoFactorStore';
import { BackupCodesList } from './BackupCodesList';
import { BusyButton } from './BusyButton';
import { Notice } from './Notice';
import { TextField } from './TextField';

type Step = { kind: 'idle' } | { kind: 'ask' } | { kind: 'codes'; codes: string[] };

/** How many are left, in words. */
function countWords(remaining: number): string {
  return `${remaining} backup ${remaining === 1 ? 'code' : 'codes'} left.`;
}

/**
 * The authenticator's backup codes: how many are left (with the core's warning when few are),
 * and new ones for a current code, shown once. Shown only where an authenticator app is set up.
 */
export function BackupCodesSection({
  settings,
  onDone,
}: {
  settings: TwoFactorSettings & { backupCodes: NonNullable<TwoFactorSettings['backupCodes']> };
  /** Says what was done; the screen then reads every setting again. */
  onDone(message: string): void;
}) {
  const { accountId, accountLabel, available, backupCodes } = settings;
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const fields = useFormFields({ code: '' }, () => ({
    limit: textLimits.totpCode,
    required: (value) => (value.trim() === '' ? 'Enter a code from your authenticator app, or a backup code.' : null),
    check: (value) => codeShapeProblem('totp', value),
  }));
  const regenerate = useTwoFactor((state) => state.regenerateBackupCodes);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fields.validate()) return;
    setBusy(true);
    const result = await regenerate({ accountId, code: fields.values.code });
    setBusy(false);
    if (!result.ok) return fields.answer({ code: result.error.fields?.code ?? result.error.message });
    fields.reset({ code: '' });
    setStep({ kind: 'codes', codes: result.value.backupCodes });
  };

  return (
    <section aria-labelledby="backup-codes-title" className="form">
      <h3 id="backup-codes-title">Backup codes</h3>
      {backupCodes.remaining !== null && step.kind !== 'codes' && (
        <p data-testid="backup-codes-left">{countWords(backupCodes.remaining)}</p>
      )}
      {backupCodes.warning && step.kind !== 'codes' && (
        <Notice tone="warning" testId="backup-codes-warning">
          {backupCodes.warning}
        </Notice>
      )}
      {backupCodes.problem && <p className="hint">{backupCodes.problem}</p>}
      {backupCodes.regenerateBlocked && (
        <p className="hint" data-testid="backup-codes-blocked">
          {backupCodes.regenerateBlocked}
        </p>
      )}
      {step.kind === 'idle' && !backupCodes.regenerateBlocked && (
        <button type="button" className="secondary" disabled={!available} onClick={() => setStep({ kind: 'ask' })}>
          Make new backup codes
        </button>
      )}
      {step.kind === 'ask' && (
        // How it went shows on screen; an event handler has nobody to hand the promise to.
        <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label="Make new backup codes">
          <p>The codes you have now stop working. Confirm with a code from your authenticator app, or one of your backup codes.</p>
          <TextField
            label="Code from your authenticator app, or a backup code"
            name="regenerate-code"
            autoComplete="one-time-code"
            spellCheck={false}
            autoFocus
            {...fields.bind('code')}
          />
          <div className="actions">
            <BusyButton type="submit" busy={busy} busyLabel="Making codes…">
              Make new codes
            </BusyButton>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                fields.reset({ code: '' });
                setStep({ kind: 'idle' });
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
      {step.kind === 'codes' && (
        <BackupCodesList
          codes={step.codes}
          title={`New backup codes for ${accountLabel}`}
          intro="The old ones no longer work. Each of these works once, and they are shown only now: copy or save them."
          accountLabel={accountLabel}
          onKept={() => {
            setStep({ kind: 'idle' });
            onDone('New backup codes made. The old ones no longer work.');
          }}
        />
      )}
    </section>
  );
}
