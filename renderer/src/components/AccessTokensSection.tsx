import { useEffect, useState } from 'react';
import type { AccessToken, AccessTokensView } from '../../../shared/accessTokenSchemas';
import type { AppError } from '../../../shared/errors';
import { textLimits } from '../../../shared/limits';
import { useFormFields } from '../forms/useFormFields';
import { useAccessTokens } from '../stores/accessTokensStore';
import { useAccountLabel } from '../stores/useAccountLabel';
import { BusyButton } from './BusyButton';
import { ConfirmDialog } from './ConfirmDialog';
import { Notice } from './Notice';
import { ProofDialog, type Proof } from './ProofDialog';
import { TextField } from './TextField';

/** A write waiting for its proof: what it will do once the person has confirmed it is them. */
type Pending =
  { kind: 'create'; name: string; bypassTwoFactor: boolean } | { kind: 'regenerate'; name: string } | { kind: 'remove'; name: string };

/** The proof dialog: the account's method, or the one the server asked for instead. */
type Asking = { pending: Pending; method: Exclude<AccessTokensView['method'], 'none'>; note?: string; serverMethod?: Proof['method'] };

const nameRequired = (value: string) => (value.trim() === '' ? 'Give the token a name.' : null);

function createdWords(token: AccessToken): string {
  return token.createdAt ? `Created ${new Date(token.createdAt).toLocaleString()}` : 'Creation date unknown';
}

/** A token the server just made: on screen until the person is done with it, kept nowhere. */
function ShownOnce({ name, token, onDone }: { name: string; token: string; onDone(): void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <section aria-labelledby="new-token-title" className="backup" data-testid="new-access-token">
      <h3 id="new-token-title">Your new token “{name}”</h3>
      <p>Copy it now and keep it somewhere safe. It is shown only this once: the app does not keep it.</p>
      <code data-testid="access-token-value">{token}</code>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            // Copied or not, the words say so; a refused copy leaves the token on screen to select.
            void navigator.clipboard?.writeText(token).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy token'}
        </button>
        <button type="button" onClick={onDone}>
          I have kept it
        </button>
      </div>
      {copied === false && <p role="status">The app could not copy it. Select the token and copy it yourself.</p>}
    </section>
  );
}

/**
 * Personal access tokens of one account: the list (name, created, last characters, whether it
 * skips two-factor), creating one, regenerating and removing (after a question). Every change
 * is confirmed with the account's proof before its one request; a workspace that does not
 * allow tokens gets that sentence and nothing to press.
 */
export function AccessTokensSection({ accountId, online }: { accountId: string; online: boolean }) {
  // The section names the account it changes: several may be signed in on one server.
  const accountLabel = useAccountLabel(accountId);
  const view = useAccessTokens((state) => state.views[accountId]) ?? null;
  const problem = useAccessTokens((state) => state.problems[accountId]) ?? null;
  const { load, create, regenerate, remove } = useAccessTokens();
  const fields = useFormFields({ name: '' }, () => ({ limit: textLimits.accessTokenName, required: nameRequired }));
  const [bypassTwoFactor, setBypassTwoFactor] = useState(false);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [proofError, setProofError] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);

  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the section.
    void load(accountId);
  }, [accountId, online, load]);

  const refused = (error: AppError, pending: Pending) => {
    if (error.code === 'two-factor-required' && error.twoFactor) {
      const method = error.twoFactor.method;
      setProofError(null);
      return setAsking({ pending, method, serverMethod: method, note: error.message });
    }
    const proofProblem = error.fields?.code ?? error.fields?.currentPassword;
    if (proofProblem) return setProofError(proofProblem);
    setAsking(null);
    setProofError(null);
    if (error.fields?.name) return fields.answer({ name: error.fields.name });
    setMessage({ text: error.message, ok: false });
    // A token gone already, or the workspace's answer: the list is read again to show what is true now.
    void load(accountId);
  };

  const send = async (pending: Pending, proof: Proof) => {
    setBusy(true);
    setMessage(null);
    const result =
      pending.kind === 'remove'
        ? await remove({ accountId, name: pending.name, proof })
        : await (
            pending.kind === 'create'
              ? create({ accountId, name: pending.name, bypassTwoFactor: pending.bypassTwoFactor, proof })
              : regenerate({ accountId, name: pending.name, proof })
          ).then((made) => {
            // Shown once, from this component's state only: no store, no storage.
            if (made.ok) setShown({ name: made.value.name, token: made.value.token });
            return made;
          });
    setBusy(false);
    if (!result.ok) return refused(result.error, pending);
    setAsking(null);
    setProofError(null);
    setMessage({ text: result.value.message, ok: true });
    if (pending.kind === 'create') {
      fields.reset({ name: '' });
      setBypassTwoFactor(false);
    }
    // The list is read again in the background; the store keeps its answer or its failure.
    void load(accountId);
  };

  /** Asks for the proof first where the account has one; otherwise sends at once. */
  const start = (pending: Pending) => {
    setMessage(null);
    // How it went shows in the section; a click handler has nobody to hand the promise to.
    if (!view || view.method === 'none') return void send(pending, {});
    setProofError(null);
    setAsking({ pending, method: view.method });
  };

  const offered = view?.available === true && online;
  return (
    <section aria-labelledby="access-tokens-title" className="card" data-testid="access-tokens">
      <h2 id="access-tokens-title" className="section-title">
        Personal access tokens
      </h2>
      <p className="hint">
        Tokens of <strong>{accountLabel}</strong>. A script or another app signs in as you with one, without your password.
      </p>
      {problem && <Notice tone="error">{problem}</Notice>}
      {message && (
        <Notice tone={message.ok ? 'success' : 'error'} testId="access-tokens-message">
          {message.text}
        </Notice>
      )}
      {shown && <ShownOnce name={shown.name} token={shown.token} onDone={() => setShown(null)} />}
      {!view ? (
        <p aria-live="polite">Reading your access tokens from the server…</p>
      ) : !view.available ? (
        <p className="hint" role="status" data-testid="access-tokens-unavailable">
          {view.reason}
        </p>
      ) : (
        <>
          {view.tokens.length === 0 ? (
            <p>No access tokens yet.</p>
          ) : (
            <ul className="token-list" aria-label="Access tokens">
              {view.tokens.map((token) => (
                <li key={token.name} aria-label={token.name}>
                  <strong>{token.name}</strong>
                  <span className="result-detail">
                    {createdWords(token)} · ends in <code>{token.lastTokenPart}</code> ·{' '}
                    {token.bypassTwoFactor ? 'Skips two-factor' : 'Asks for two-factor'}
                  </span>
                  <div className="actions">
                    <button
                      type="button"
                      className="secondary small"
                      disabled={!offered || busy}
                      aria-label={`Regenerate ${token.name}`}
                      onClick={() => start({ kind: 'regenerate', name: token.name })}
                    >
                      Regenerate
                    </button>
                    <button
                      type="button"
                      className="secondary small"
                      disabled={!offered || busy}
                      aria-label={`Remove ${token.name}`}
                      onClick={() => setConfirmRemove(token.name)}
                    >
                      Remove
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <form
            className="form"
            aria-label="Create an access token"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (fields.validate()) start({ kind: 'create', name: fields.values.name.trim(), bypassTwoFactor });
            }}
          >
            <TextField label="Token name" name="access-token-name" autoComplete="off" disabled={!offered} {...fields.bind('name')} />
            <label className="checkbox">
              <input
                type="checkbox"
                checked={bypassTwoFactor}
                disabled={!offered}
                onChange={(event) => setBypassTwoFactor(event.target.checked)}
              />
              Skip two-factor authentication when this token is used
            </label>
            <div className="actions">
              <BusyButton type="submit" busy={busy && asking?.pending.kind === 'create'} busyLabel="Creating…" disabled={!offered}>
                Create token
              </BusyButton>
            </div>
          </form>
        </>
      )}
      <ConfirmDialog
        open={confirmRemove !== null}
        title={`Remove the token “${confirmRemove ?? ''}”?`}
        message="Anything that signs in with it stops working now."
        confirmLabel="Remove token"
        onCancel={() => setConfirmRemove(null)}
        onConfirm={() => {
          const name = confirmRemove;
          setConfirmRemove(null);
          if (name !== null) start({ kind: 'remove', name });
        }}
      />
      {asking && (
        <ProofDialog
          accountId={accountId}
          method={asking.method}
          open
          busy={busy}
          error={proofError}
          note={asking.note}
          // How it went shows in the section; an event handler has nobody to hand the promise to.
          onSubmit={(proof) => void send(asking.pending, asking.serverMethod ? { ...proof, method: asking.serverMethod } : proof)}
          onCancel={() => {
            setAsking(null);
            setProofError(null);
          }}
        />
      )}
    </section>
  );
}
