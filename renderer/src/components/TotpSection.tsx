import { useState } from 'react';
import { textLimits } from '../../../shared/limits';
import type { SecurityView } from '../../../shared/securitySchemas';
import { useFormFields } from '../forms/useFormFields';
import { useSecurity } from '../stores/securityStore';
import { BackupCodesList } from './BackupCodesList';
import { BusyButton } from './BusyButton';
import { ProofDialog, type Proof } from './ProofDialog';
import { TextField } from './TextField';

type Step =
  | { kind: 'idle' }
  | { kind: 'confirm-identity' }
  | { kind: 'scan'; secret: string; qrDataUrl: string; proof: Proof }
  /** The server asks for the second factor again before turning the app on (an emailed code works once). */
  | { kind: 'reconfirm'; scan: { secret: string; qrDataUrl: string; proof: Proof }; code: string }
  | { kind: 'codes'; codes: string[] }
  | { kind: 'disable' };

const statusWords: Record<Exclude<SecurityView['method'], 'none'>, string> = {
  totp: 'On: an authenticator app confirms sign-ins and sensitive changes.',
  email: 'On: a code sent to your email confirms sign-ins and sensitive changes.',
  password: 'No second factor: your password confirms sensitive changes.',
};

/** What confirms sign-ins and changes now, in one sentence. */
function statusOf(method: SecurityView['method'], hasPassword: boolean): string {
  if (method !== 'none') return statusWords[method];
  return hasPassword ? 'No second factor is asked for on this workspace.' : 'No second factor, and no password on this server.';
}

/** The key in groups of four, as authenticator apps show it; copying takes it whole. */
function GroupedKey({ secret }: { secret: string }) {
  const [copied, setCopied] = useState(false);
  const groups = secret.match(/.{1,4}/g) ?? [];
  return (
    <div className="totp-key">
      <span className="result-detail">Key</span>
      {/* Groups are spaced by CSS, so a selection copies the key without spaces. */}
      <code data-testid="totp-secret" className="grouped-key">
        {groups.map((group, index) => (
          <span key={index}>{group}</span>
        ))}
      </code>
      <button
        type="button"
        className="secondary small"
        onClick={() =>
          // Copied or not, the button's words say so; a refused copy leaves the key on screen to type.
          void navigator.clipboard?.writeText(secret).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy key'}
      </button>
    </div>
  );
}

/**
 * Status of two-factor sign-in, authenticator setup (QR, code, backup codes shown once) and
 * turning it off. `onChanged` reads the settings again the moment the server took a change,
 * so the status line never contradicts what was just done.
 */
export function TotpSection({ view, onDone, onChanged }: { view: SecurityView; onDone(message: string): void; onChanged(): void }) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const fields = useFormFields({ code: '' }, () => ({ limit: textLimits.totpCode }));
  const { code } = fields.values;
  /** The server's words on what was last sent: the code from the app (on its field), or the proof (in the dialog). */
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const startTotp = useSecurity((state) => state.startTotp);
  const confirmTotp = useSecurity((state) => state.confirmTotp);
  const disableTotp = useSecurity((state) => state.disableTotp);

  const start = async (proof: Proof) => {
    setBusy(true);
    const result = await startTotp({ accountId: view.accountId, proof });
    setBusy(false);
    if (!result.ok) return setError(result.error.fields?.code ?? result.error.fields?.currentPassword ?? result.error.message);
    setError(null);
    setStep({ kind: 'scan', ...result.value, proof });
  };

  const confirm = async (scan: { secret: string; qrDataUrl: string; proof: Proof }, totpCode: string) => {
    setBusy(true);
    const result = await confirmTotp({ accountId: view.accountId, code: totpCode, proof: scan.proof });
    setBusy(false);
    if (!result.ok) {
      const proofProblem = result.error.fields?.code ?? result.error.fields?.currentPassword;
      if (proofProblem && !result.error.fields?.totpCode) {
        setError(step.kind === 'reconfirm' ? proofProblem : null);
        return setStep({ kind: 'reconfirm', scan, code: totpCode });
      }
      setStep({ kind: 'scan', ...scan });
      return setError(result.error.fields?.totpCode ?? result.error.message);
    }
    fields.reset({ code: '' });
    setError(null);
    setStep({ kind: 'codes', codes: result.value.backupCodes });
    onChanged();
  };

  const disable = async (proof: Proof) => {
    setBusy(true);
    const result = await disableTotp({ accountId: view.accountId, code: proof.code ?? '' });
    setBusy(false);
    // A wrong code leaves the app on: the dialog stays, saying so.
    if (!result.ok) return setError(result.error.fields?.code ?? result.error.message);
    setStep({ kind: 'idle' });
    onDone(result.value.message);
  };

  // The proof for setting the app up (the server asks less there than for a password change).
  const method = view.setupMethod;
  const { totpSetup: setupBlocked, totpOff: offBlocked } = view.blocked;
  // Just turned on: the backup codes are on screen, whatever the settings said a moment ago.
  const status = step.kind === 'codes' ? statusWords.totp : statusOf(view.method, view.hasPassword);
  return (
    <div className="form">
      <p data-testid="two-factor-status">{status}</p>
      {step.kind === 'idle' && !view.totpEnabled && !setupBlocked && (
        <button
          type="button"
          disabled={!view.available}
          // How it went shows on screen; an event handler has nobody to hand the promise to.
          onClick={() => (method === 'none' ? void start({}) : setStep({ kind: 'confirm-identity' }))}
        >
          Set up an authenticator app
        </button>
      )}
      {step.kind === 'idle' && view.totpEnabled && !offBlocked && (
        <button type="button" className="secondary" disabled={!view.available} onClick={() => setStep({ kind: 'disable' })}>
          Turn off the authenticator app
        </button>
      )}
      {step.kind === 'idle' && (view.totpEnabled ? offBlocked : setupBlocked) && (
        <p className="hint" data-testid="authenticator-blocked">
          {view.totpEnabled ? offBlocked : setupBlocked}
        </p>
      )}
      {step.kind === 'scan' && (
        <form
          className="form totp-setup"
          onSubmit={(event) => {
            event.preventDefault();
            // How it went shows on screen; an event handler has nobody to hand the promise to.
            if (fields.validate()) void confirm(step, code);
          }}
          noValidate
          aria-label="Set up an authenticator app"
        >
          <p>Scan this code with your authenticator app, or type the key into it. Then enter the 6-digit code it shows.</p>
          <img className="qr" src={step.qrDataUrl} alt="QR code for your authenticator app" />
          <GroupedKey secret={step.secret} />
          <TextField
            label="Code from the app"
            name="totp-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            {...fields.bind('code')}
            error={error}
          />
          <div className="actions">
            <BusyButton type="submit" busy={busy} busyLabel="Checking…">
              Turn on
            </BusyButton>
            <button type="button" className="secondary" onClick={() => setStep({ kind: 'idle' })}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {step.kind === 'codes' && (
        <BackupCodesList
          codes={step.codes}
          title="Your backup codes"
          intro="Each works once if you lose your phone. They are shown only now: copy or save them."
          onKept={() => {
            setStep({ kind: 'idle' });
            onDone('Authenticator app set up.');
          }}
        />
      )}
      {/* Turning the app off always takes one of its codes; setting it up, the account's proof if it needs one. */}
      {(step.kind === 'disable' || (method !== 'none' && (step.kind === 'confirm-identity' || step.kind === 'reconfirm'))) && (
        <ProofDialog
          accountId={view.accountId}
          method={step.kind === 'disable' || method === 'none' ? 'totp' : method}
          open
          busy={busy}
          error={error}
          onSubmit={(proof) =>
            // How it went shows on screen; an event handler has nobody to hand the promise to.
            void (step.kind === 'disable'
              ? disable(proof)
              : step.kind === 'reconfirm'
                ? confirm({ ...step.scan, proof }, step.code)
                : start(proof))
          }
          onCancel={() => {
            setError(null);
            setStep({ kind: 'idle' });
          }}
        />
      )}
    </div>
  );
}
