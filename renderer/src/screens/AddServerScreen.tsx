import { useRef, useState, type FormEvent } from 'react';
import type { ServerSummary } from '../../../shared/accountSchemas';
import { AppFailure } from '../../../shared/errors';
import { normalizeServerUrl } from '../../../shared/serverAddress';
import { BusyButton } from '../components/BusyButton';
import { CertificateDecision } from '../components/CertificateDecision';
import { TextField } from '../components/TextField';
import { useServers } from '../stores/serversStore';
import { useUi } from '../stores/uiStore';

/** What is wrong with the address as typed, before anything is sent. */
function checkAddress(value: string): string | null {
  if (value.trim() === '') return null;
  try {
    normalizeServerUrl(value);
    return null;
  } catch (error) {
    return error instanceof AppFailure ? (error.error.fields?.url ?? error.message) : 'That address cannot be used.';
  }
}

export function AddServerScreen() {
  const startSignIn = useUi((state) => state.startSignIn);
  const addServer = useServers((state) => state.add);
  const [url, setUrl] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [found, setFound] = useState<ServerSummary | null>(null);
  const liveError = touched ? checkAddress(url) : null;
  // A certificate the app could not verify: the decision shows under the form (issue 16).
  const [untrusted, setUntrusted] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (url.trim() === '') {
      setServerError('Enter the server address.');
      return;
    }
    if (checkAddress(url)) return;
    setBusy(true);
    setServerError(null);
    setFound(null);
    const result = await addServer(url);
    setBusy(false);
    setUntrusted(!result.ok && result.error.code === 'tls-untrusted' ? url : null);
    if (result.ok) setFound(result.value);
    else setServerError(result.error.fields?.url ?? result.error.message);
  };

  return (
    <section aria-labelledby="add-server-title" className="screen narrow">
      <h1 id="add-server-title">Add a server</h1>
      <p className="lead">The address of a Rocket.Chat server you have an account on.</p>
      <form ref={form} onSubmit={(event) => void submit(event)} noValidate className="form">
        <TextField
          label="Server address"
          name="url"
          placeholder="chat.example.com"
          inputMode="url"
          autoComplete="url"
          autoFocus
          spellCheck={false}
          value={url}
          error={liveError ?? serverError}
          hint="https is used unless the server runs on this computer."
          onChange={(event) => {
            setUrl(event.target.value);
            setServerError(null);
            setFound(null);
          }}
          onBlur={() => setTouched(true)}
        />
        <BusyButton type="submit" busy={busy} busyLabel="Checking the server…">
          Check server
        </BusyButton>
      </form>
      {untrusted && <CertificateDecision key={untrusted} url={untrusted} onTrusted={() => form.current?.requestSubmit()} />}
      {found && (
        <div className="found" role="status" data-testid="server-found">
          <p>
            <strong>{found.name}</strong> — Rocket.Chat {found.version ?? '(version not shared)'}
          </p>
          <button
            type="button"
            onClick={() => startSignIn({ serverId: found.id, serverName: found.name, serverUrl: found.url, version: found.version })}
          >
            Continue to sign in
          </button>
        </div>
      )}
    </section>
  );
}
