import { useEffect, useState, type FormEvent } from 'react';
import type { AppError, TwoFactorChallenge } from '../../../shared/errors';
import { textLimits } from '../../../shared/limits';
import { missingWords, required } from '../../../shared/requiredFields';
import { AccessTokenSignIn } from '../components/AccessTokenSignIn';
import { BusyButton } from '../components/BusyButton';
import { Notice } from '../components/Notice';
import { PasswordField } from '../components/PasswordField';
import { ScreenHeading } from '../components/ScreenHeading';
import { SingleSignOn, SingleSignOnElsewhere } from '../components/SingleSignOn';
import { TextField } from '../components/TextField';
import { useFormFields } from '../forms/useFormFields';
import { useSignIn } from '../stores/signInStore';
import { useUi, type SignInTarget } from '../stores/uiStore';
import { TwoFactorStep } from './TwoFactorStep';

type Challenge = TwoFactorChallenge & { challengeId: string };

const rules = {
  user: { limit: textLimits.signInUser, required: required(missingWords.signInUser) },
  password: { limit: textLimits.signInPassword, required: required(missingWords.signInPassword, { trims: false }) },
};

export function SignInScreen({ target }: { target: SignInTarget }) {
  const show = useUi((state) => state.show);
  const signIn = useSignIn((state) => state.signIn);
  const cancelSignIn = useSignIn((state) => state.cancelSignIn);
  const fields = useFormFields({ user: target.user ?? '', password: '' }, (name) => rules[name]);
  const { user, password } = fields.values;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Pick<AppError, 'message' | 'detail'> | null>(null);
  const [keychainProblem, setKeychainProblem] = useState<string | null>(null);
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [sessionOnly, setSessionOnly] = useState(false);
  const loadOptions = useSignIn((state) => state.loadOptions);
  const options = useSignIn((state) => state.options[target.serverId]);
  const [optionsProblem, setOptionsProblem] = useState<string | null>(null);
  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    void loadOptions(target.serverId).then((result) => setOptionsProblem(result.ok ? null : result.error.message));
  }, [loadOptions, target.serverId]);
  // Until the workspace has said otherwise (or when it cannot be asked), the password form is offered.
  const passwordForm = options?.passwordForm ?? true;
  const passwordHint =
    options?.passwordKind === 'ldap'
      ? 'This workspace checks your directory (LDAP) password.'
      : options?.passwordKind === 'crowd'
        ? 'This workspace checks your Crowd password.'
        : undefined;

  // By the time a sign-in settles, the sign-in store has read the account list again.
  const finish = () => show('home');

  const submit = async (event: FormEvent | null, onlyThisSession = sessionOnly) => {
    event?.preventDefault();
    if (!fields.validate()) return;
    setBusy(true);
    setFailure(null);
    const result = await signIn({ serverId: target.serverId, user, password, sessionOnly: onlyThisSession });
    setBusy(false);
    if (result.ok) return finish();
    const { error } = result;
    if (error.code === 'two-factor-required' && error.twoFactor?.challengeId) {
      fields.reset({ user, password: '' });
      return setChallenge({ ...error.twoFactor, challengeId: error.twoFactor.challengeId });
    }
    if (error.code === 'keychain-unavailable') return setKeychainProblem(error.message);
    // The refused password selected: the next one typed replaces it.
    if (error.code === 'unauthorized') return fields.answer({ password: error.message }, { select: true });
    setFailure({ message: error.message, detail: error.detail });
  };

  return (
    <section aria-labelledby="sign-in-title" className="screen narrow">
      <ScreenHeading id="sign-in-title">Sign in to {target.serverName}</ScreenHeading>
      <p className="lead">
        <code>{target.serverUrl}</code>
        {target.version ? ` · Rocket.Chat ${target.version}` : ''}
      </p>
      {challenge ? (
        <TwoFactorStep
          challenge={challenge}
          onSignedIn={finish}
          onRestart={(message) => {
            // Cancelling only frees the server's half-done sign-in; the form starts over at once.
            void cancelSignIn(challenge.challengeId);
            setChallenge(null);
            setFailure(message ? { message } : null);
          }}
        />
      ) : (
        <>
          {optionsProblem && (
            <p className="hint" data-testid="sign-in-options-problem">
              The ways this workspace offers could not be read ({optionsProblem}) — the password form is shown.
            </p>
          )}
          {passwordForm && (
            <form onSubmit={(event) => void submit(event) /* the form shows how it went */} noValidate className="form">
              <TextField label="Username or email" name="user" autoComplete="username" spellCheck={false} {...fields.bind('user')} />
              <PasswordField label="Password" name="password" hint={passwordHint} {...fields.bind('password')} />
              {failure && (
                <Notice tone="error" detail={failure.detail} focus>
                  {failure.message}
                </Notice>
              )}
              {keychainProblem && (
                <div className="notice warning" role="alert" data-testid="keychain-unavailable">
                  <p>{keychainProblem}</p>
                  <button
                    type="button"
                    onClick={() => {
                      setSessionOnly(true);
                      setKeychainProblem(null);
                      // How it went shows on screen; an event handler has nobody to hand the promise to.
                      void submit(null, true);
                    }}
                  >
                    Sign in for this session only
                  </button>
                </div>
              )}
              {sessionOnly && <p className="hint">This session will not be remembered: you will sign in again after quitting the app.</p>}
              <div className="actions">
                <BusyButton type="submit" busy={busy} busyLabel="Signing in…">
                  Sign in
                </BusyButton>
                <button type="button" className="secondary" onClick={() => show('home')}>
                  Cancel
                </button>
              </div>
            </form>
          )}
          {options && options.services.length > 0 && (
            <SingleSignOn
              serverId={target.serverId}
              services={options.services}
              sessionOnly={sessionOnly}
              onSignedIn={finish}
              onChallenge={setChallenge}
            />
          )}
          {options?.namedAddress && <SingleSignOnElsewhere address={options.namedAddress} addedUrl={target.serverUrl} />}
          <AccessTokenSignIn serverId={target.serverId} sessionOnly={sessionOnly} onSignedIn={finish} />
          {!passwordForm && (
            <div className="actions">
              <button type="button" className="secondary" onClick={() => show('home')}>
                Cancel
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
