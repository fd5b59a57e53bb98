import { useState, type FormEvent } from 'react';
import { textLimits } from '../../../shared/limits';
import { missingWords, required } from '../../../shared/requiredFields';
import { useFormFields } from '../forms/useFormFields';
import { useSignIn } from '../stores/signInStore';
import { BusyButton } from './BusyButton';
import { PasswordField } from './PasswordField';
import { TextField } from './TextField';

const rules = {
  userId: { limit: textLimits.accessTokenUserId, required: required(missingWords.accessTokenUserId) },
  token: { limit: textLimits.accessToken, required: required(missingWords.accessToken) },
};

/**
 * "Sign in with an access token": a personal access token made in the workspace (Account →
 * Personal access tokens) and the user ID shown beside it. Checked once with the server;
 * signing out later forgets it here and leaves it valid on the server.
 */
export function AccessTokenSignIn({ serverId, sessionOnly, onSignedIn }: { serverId: string; sessionOnly: boolean; onSignedIn(): void }) {
  const signInWithToken = useSignIn((state) => state.signInWithToken);
  const fields = useFormFields({ userId: '', token: '' }, (name) => rules[name]);
  const { userId, token } = fields.values;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fields.validate()) return;
    setBusy(true);
    setFailure(null);
    const result = await signInWithToken({ serverId, userId: userId.trim(), token: token.trim(), sessionOnly });
    setBusy(false);
    if (result.ok) return onSignedIn();
    if (result.error.fields?.token) fields.answer({ token: result.error.fields.token });
    else setFailure(result.error.message);
  };

  return (
    <details className="token-sign-in">
      <summary>Sign in with an access token</summary>
      {/* How it went shows on screen; an event handler has nobody to hand the promise to. */}
      <form onSubmit={(event) => void submit(event)} noValidate className="form" aria-label="Sign in with an access token">
        <p className="hint">
          Use a personal access token from your workspace’s account settings. Signing out of it here never revokes it on the server.
        </p>
        <TextField label="User ID" name="userId" spellCheck={false} autoComplete="off" {...fields.bind('userId')} />
        <PasswordField label="Access token" name="token" autoComplete="off" {...fields.bind('token')} />
        {failure && (
          <p role="alert" className="error">
            {failure}
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
