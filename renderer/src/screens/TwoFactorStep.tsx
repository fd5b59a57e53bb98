import { useEffect, useState, type FormEvent } from 'react';
import type { AccountSummary } from '../../../shared/accountSchemas';
import type { TwoFactorChallenge } from '../../../shared/errors';
import { textLimits } from '../../../shared/limits';
import { codeShapeProblem } from '../../../shared/twoFactorCode';
import { BusyButton } from '../components/BusyButton';
import { ScreenHeading } from '../components/ScreenHeading';
import { TextField } from '../components/TextField';
import { focusTooLong } from '../forms/lengthLimit';
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
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cooldown, setCooldown] = useState(challenge.method === 'email' ? resendCooldownSeconds : 0);
  const [resent, setResent] = useState(false);
  const words = wording[challenge.method];
  const answerTwoFactor = useSignIn((state) => state.answerTwoFactor);
  const sendEmailCode = useSignIn((state) => state.sendEmailCode);

  useEffect(() => {
    if (cooldown <= 0) return;
    const timer = setTimeout(() => setCooldown((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [cooldown]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (focusTooLong(form)) return;
    // Caught here, not by the server: a wrong answer spends one of its few tries.
    const problem =
      challenge.method === 'password' ? (code.trim() === '' ? 'Enter your password.' : null) : codeShapeProblem(challenge.method, code);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await answerTwoFactor(challenge.challengeId, code);
    setBusy(false);
    if (result.ok) return onSignedIn(result.value);
    if (result.error.code === 'two-factor-invalid' || result.error.code === 'two-factor-required') {
      setCode('');
      setError('That code is not right. Check it and try again.');
      return form.querySelector<HTMLElement>('input')?.focus();
    }
    if (result.error.code === 'two-factor-locked') {
      return onRestart('Too many wrong codes: the server stopped this sign-in. Sign in again to get a new code.');
    }
    setError(result.error.message);
  };

  const resend = async () => {
    setResent(false);
    const result = await sendEmailCode(challenge.challengeId);
    if (result.ok) {
      setResent(true);
      setCooldown(resendCooldownSeconds);
    } else {
      setError(result.error.message);
    }
  };

  return (
    <div className="form" data-testid="two-factor-step">
      <ScreenHeading id="two-factor-title" level={2} focusOnMount>
        {words.title}
      </ScreenHeading>
      <p className="lead">{words.lead}</p>
      <form onSubmit={(event) => void submit(event)} noValidate className="form">
        <TextField
          label={words.label}
          name="code"
          value={code}
          limit={textLimits.signInCode}
          autoComplete="one-time-code"
          inputMode={challenge.method === 'password' ? 'text' : 'numeric'}
          type={challenge.method === 'password' ? 'password' : 'text'}
          spellCheck={false}
          error={error}
          onChange={(event) => setCode(event.target.value)}
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
          <button type="button" className="link-button" disabled={cooldown > 0} onClick={() => void resend()}>
            {cooldown > 0 ? `Send the code again (in ${cooldown} s)` : 'Send the code again'}
          </button>
          {resent && <span role="status"> A new code is on its way.</span>}
        </p>
      )}
    </div>
  );
}
