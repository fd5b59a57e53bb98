import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AccountSummary } from '../../../shared/accountSchemas';
import type { TwoFactorChallenge } from '../../../shared/errors';
import { textLimits } from '../../../shared/limits';
import { missingWords, required } from '../../../shared/requiredFields';
import { codeShapeProblem } from '../../../shared/twoFactorCode';
import { BusyButton } from '../components/BusyButton';
import { ScreenHeading } from '../components/ScreenHeading';
import { TextField } from '../components/TextField';
import { useFormFields } from '../forms/useFormFields';
import { useSignIn } from '../stores/signInStore';

const resendCooldownSeconds = 30;

interface TwoFactorStepProps {
  challenge: TwoFactorChallenge & { challengeId: string };
  onSignedIn(account: AccountSummary): void;
  /** The server stopped the sign-in (too many codes) or the person gave up. */
  onRestart(message: string | null): void;
}

const wording: Record<TwoFactorChallenge['method'], { title: string; lead: string; label: string }> = {
  totp: {
    title: 'Enter your authenticator code',
    lead: 'Open your authenticator app and enter the 6-digit code for this account. A backup code works too.',
    label: 'Authentication code',
  },
  email: {
    title: 'Check your email',
    lead: 'We sent a 6-digit code to your email address. Enter it here.',
    label: 'Code from the email',
  },
  password: {
    title: 'Confirm with your password',
    lead: 'The server asks for your password again.',
    label: 'Password',
  },
};

/** The second factor, worded for the method the server asked for. Each answer is sent once. */
export function TwoFactorStep({ challenge, onSignedIn, onRestart }: TwoFactorStepProps) {
  // Caught here, not by the server: a wrong answer spends one of its few tries.
  const { method } = challenge;
  const fields = useFormFields({ code: '' }, () => ({
    limit: textLimits.signInCode,
    check: method === 'password' ? required(missingWords.signInPassword) : (typed: string) => codeShapeProblem(method, typed),
  }));
  const { code } = fields.values;
  const [busy, setBusy] = useState(false);
  const [cooldown, setCooldown] = useState(challenge.method === 'email' ? resendCooldownSeconds : 0);
  const [resent, setResent] = useState(false);
  const words = wording[challenge.method];
  const answerTwoFactor = useSignIn((state) => state.answerTwoFactor);
  const sendEmailCode = useSignIn((state) => state.sendEmailCode);
  const form = useRef<HTMLFormElement>(null);

  // The step opens where the person acts: the code field (its label and the lead say what to type).
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input[name="code"]')?.focus();
  }, []);

  useEffect(() => {
    if (cooldown <= 0) return;
    const timer = setTimeout(() => setCooldown((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [cooldown]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fields.validate()) return;
    setBusy(true);
    const result = await answerTwoFactor(challenge.challengeId, code);
    setBusy(false);
    if (result.ok) return onSignedIn(result.value);
    if (result.error.code === 'two-factor-invalid' || result.error.code === 'two-factor-required') {
      fields.reset({ code: '' });
      return fields.answer({ code: 'That code is not right. Check it and try again.' });
    }
    if (result.error.code === 'two-factor-locked') {
      return onRestart('Too many wrong codes: the server stopped this sign-in. Sign in again to get a new code.');
    }
    fields.answer({ code: result.error.message });
  };

  const resend = async () => {
    setResent(false);
    const result = await sendEmailCode(challenge.challengeId);
    if (result.ok) {
      setResent(true);
      setCooldown(resendCooldownSeconds);
    } else {
      fields.answer({ code: result.error.message });
    }
  };

  return (
    <div className="form" data-testid="two-factor-step">
      <ScreenHeading id="two-factor-title" level={2}>
        {words.title}
      </ScreenHeading>
      <p className="lead">{words.lead}</p>
      {/* How it went shows on screen; an event handler has nobody to hand the promise to. */}
      <form ref={form} onSubmit={(event) => void submit(event)} noValidate className="form" aria-labelledby="two-factor-title">
        <TextField
          label={words.label}
          name="code"
          autoComplete="one-time-code"
          inputMode={challenge.method === 'password' ? 'text' : 'numeric'}
          type={challenge.method === 'password' ? 'password' : 'text'}
          spellCheck={false}
          {...fields.bind('code')}
        />
        <div className="actions">
          <BusyButton type="submit" busy={busy} busyLabel="Checking…">
            Verify
          </BusyButton>
          <button type="button" className="secondary" onClick={() => onRestart(null)}>
            Cancel
          </button>
        </div>
      </form>
      {challenge.method === 'email' && (
        <p className="resend">
          {/* How it went shows on screen; an event handler has nobody to hand the promise to. */}
          <button type="button" className="link-button" disabled={cooldown > 0} onClick={() => void resend()}>
            {cooldown > 0 ? `Send the code again (in ${cooldown} s)` : 'Send the code again'}
          </button>
          {resent && <span role="status"> A new code is on its way.</span>}
        </p>
      )}
    </div>
  );
}
