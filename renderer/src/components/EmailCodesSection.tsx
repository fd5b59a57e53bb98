import { useState } from 'react';
import type { TwoFactorSettings } from '../../../shared/twoFactorSchemas';
import { useTwoFactor } from '../stores/twoFactorStore';
import { BusyButton } from './BusyButton';
import { ConfirmDialog } from './ConfirmDialog';
import { ProofDialog, type Proof } from './ProofDialog';

/**
 * Emailed codes on or off. Turning them on ends the other sessions, so it is confirmed first;
 * turning them off asks for the proof the server wants (a code from the app, an emailed code or
 * the password) before the one request that carries it.
 */
export function EmailCodesSection({
  settings,
  onDone,
}: {
  settings: TwoFactorSettings;
  /** Says what was done; the screen then reads every setting again. */
  onDone(message: string): void;
}) {
  const { accountId, accountLabel, available, emailCodes } = settings;
  const [step, setStep] = useState<'idle' | 'confirm-on' | 'proof-off'>('idle');
  const [busy, setBusy] = useState(false);
  /** The core's words on the last try: on the proof's field in the dialog, or under the button. */
  const [error, setError] = useState<string | null>(null);
  /** The server asked for another factor than expected: the dialog asks for that one. */
  const [asked, setAsked] = useState<Proof['method'] | null>(null);
  const enable = useTwoFactor((state) => state.enableEmailCodes);
  const disable = useTwoFactor((state) => state.disableEmailCodes);

  const turnOn = async () => {
    setStep('idle');
    setBusy(true);
    const result = await enable(accountId);
    setBusy(false);
    if (!result.ok) return setError(result.error.fields?.emailCodes ?? result.error.message);
    setError(null);
    onDone(result.value.message);
  };

  const turnOff = async (proof: Proof) => {
    setBusy(true);
    const result = await disable({ accountId, proof: asked ? { ...proof, method: asked } : proof });
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'two-factor-required' && result.error.twoFactor) setAsked(result.error.twoFactor.method);
      return setError(result.error.fields?.code ?? result.error.fields?.currentPassword ?? result.error.message);
    }
    setError(null);
    setAsked(null);
    setStep('idle');
    onDone(result.value.message);
  };

  const offMethod = asked ?? emailCodes.offMethod;
  return (
    <section aria-labelledby="email-codes-title" className="form">
      <h3 id="email-codes-title">Codes by email</h3>
      <p data-testid="email-codes-status">
        {emailCodes.on
          ? 'On: the server can email you a code to confirm sign-ins and changes.'
          : 'Off: the server does not email you codes to confirm sign-ins.'}
      </p>
      {!emailCodes.on && emailCodes.turnOnBlocked ? (
        <p className="hint" data-testid="email-codes-blocked">
          {emailCodes.turnOnBlocked}
        </p>
      ) : (
        <BusyButton
          type="button"
          className={emailCodes.on ? 'secondary' : undefined}
          busy={busy && step === 'idle'}
          busyLabel={emailCodes.on ? 'Turning off…' : 'Turning on…'}
          disabled={!available}
          onClick={() => {
            setError(null);
            if (!emailCodes.on) setStep('confirm-on');
            // How it went shows on screen; an event handler has nobody to hand the promise to.
            else if (offMethod === 'none') void turnOff({});
            else setStep('proof-off');
          }}
        >
          {emailCodes.on ? 'Turn off codes by email' : 'Turn on codes by email'}
        </BusyButton>
      )}
      {error && step === 'idle' && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={step === 'confirm-on'}
        title="Turn on codes by email?"
        message={`Sign-ins of ${accountLabel} will ask for a code sent to your email. Every other session of this account ends now; you stay signed in here.`}
        confirmLabel="Turn on"
        danger={false}
        onCancel={() => setStep('idle')}
        // How it went shows on screen; an event handler has nobody to hand the promise to.
        onConfirm={() => void turnOn()}
      />
      {step === 'proof-off' && offMethod !== 'none' && (
        <ProofDialog
          accountId={accountId}
          method={offMethod}
          open
          busy={busy}
          error={error}
          note={`Turning off codes by email for ${accountLabel}.`}
          // How it went shows on screen; an event handler has nobody to hand the promise to.
          onSubmit={(proof) => void turnOff(proof)}
          onCancel={() => {
            setError(null);
            setAsked(null);
            setStep('idle');
          }}
        />
      )}
    </section>
  );
}
