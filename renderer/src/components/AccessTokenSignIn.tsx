import { useState, type FormEvent } from 'react';
import { textLimits } from '../../../shared/limits';
import { focusTooLong } from '../forms/lengthLimit';
import { useSignIn } from '../stores/signInStore';
import { BusyButton } from './BusyButton';
import { PasswordField } from './PasswordField';
import { TextField } from './TextField';

/**
 * "Sign in with an access token": a personal access token made in the workspace (Account →
 * Personal access tokens) and the user ID shown beside it. Checked once with the server;
 * signing out later forgets it here and leaves it valid on the server.
 */
export function AccessTokenSignIn({ serverId, sessionOnly, onSignedIn }: { serverId: string; sessionOnly: boolean; onSignedIn(): void }) {
  const signInWithToken = useSignIn((state) => state.signInWithToken);
  const [userId, setUserId] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ userId?: string; token?: string; form?: string }>({});

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (focusTooLong(event.currentTarget)) return;
    const missing = {
      userId: userId.trim() ? undefined : 'Enter your user ID.',
      token: token.trim() ? undefined : 'Enter the access token.',
    };
    if (missing.userId || missing.token) return setErrors(missing);
    setBusy(true);
    setErrors({});
    const result = await signInWithToken({ serverId, userId: userId.trim(), token: token.trim(), sessionOnly });
    setBusy(false);
    if (result.ok) return onSignedIn();
    setErrors(result.error.fields?.token ? { token: result.error.fields.token } : { form: result.error.message });
  };

  return (
    <details className="token-sign-in">
      <summary>Sign in with an access token</summary>
      <form onSubmit={(event) => void submit(event)} noValidate className="form" aria-label="Sign in with an access token">
        <p className="hint">
          Use a personal access token from your workspace’s account settings. Signing out of it here never revokes it on the server.
        </p>
        <TextField
          label="User ID"
          name="userId"
          spellCheck={false}
          autoComplete="off"
          value={userId}
          limit={textLimits.accessTokenUserId}
          error={errors.userId}
          onChange={(event) => setUserId(event.target.value)}
        />
        <PasswordField
          label="Access token"
          name="token"
          autoComplete="off"
          value={token}
          limit={textLimits.accessToken}
          error={errors.token}
          onChange={(event) => setToken(event.target.value)}
        />
        {errors.form && (
          <p role="alert" className="error">
            {errors.form}
          </p>
        )}
        <div className="actions">
          <BusyButton type="submit" busy={busy} busyLabel="Checking the token…">
            Sign in with token
          </BusyButton>
        </div>
      </form>
    </details>
  );
}
