import { useRef, useState, type FormEvent } from 'react';
import type { ServerSummary } from '../../../shared/accountSchemas';
import { AppFailure, type AppError } from '../../../shared/errors';
import { textLimits } from '../../../shared/limits';
import { normalizeServerUrl } from '../../../shared/serverAddress';
import { BusyButton } from '../components/BusyButton';
import { CertificateDecision } from '../components/CertificateDecision';
import { KnownServers } from '../components/KnownServers';
import { Details } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';
import { TextField } from '../components/TextField';
import { focusTooLong } from '../forms/lengthLimit';
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
  const [serverError, setServerError] = useState<Pick<AppError, 'message' | 'detail'> | null>(null);
  const [found, setFound] = useState<ServerSummary | null>(null);
  const liveError = touched ? checkAddress(url) : null;
  // A certificate the app could not verify: the decision shows under the form (issue 16).
  const [untrusted, setUntrusted] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (focusTooLong(form)) return;
    setTouched(true);
    const focusField = () => requestAnimationFrame(() => form.querySelector<HTMLElement>('input')?.focus());
    if (url.trim() === '') {
      setServerError({ message: 'Enter the server address.' });
      return focusField();
    }
    if (checkAddress(url)) return focusField();
    setBusy(true);
    setServerError(null);
    setFound(null);
    const result = await addServer(url);
    setBusy(false);
    setUntrusted(!result.ok && result.error.code === 'tls-untrusted' ? url : null);
    if (result.ok) return setFound(result.value);
    setServerError({ message: result.error.fields?.url ?? result.error.message, detail: result.error.detail });
    focusField();
  };

  return (
    <section aria-labelledby="add-server-title" className="screen narrow">
      <ScreenHeading id="add-server-title">Add a server</ScreenHeading>
      <p className="lead">The address of a Rocket.Chat server you have an account on.</p>
      <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate className="form">
        <div>
          <TextField
            label="Server address"
            name="url"
            placeholder="chat.example.com"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            value={url}
            limit={textLimits.serverAddress}
            error={liveError ?? serverError?.message}
            hint="https is used unless the server runs on this computer, where plain http is tried too."
            onChange={(event) => {
              setUrl(event.target.value);
              setServerError(null);
              setFound(null);
            }}
            onBlur={() => setTouched(true)}
          />
          {serverError?.detail && !liveError && <Details detail={serverError.detail} />}
        </div>
        <BusyButton type="submit" busy={busy} busyLabel="Checking the server…">
          Check server
        </BusyButton>
      </form>
      {untrusted && <CertificateDecision key={untrusted} url={untrusted} onTrusted={() => formRef.current?.requestSubmit()} />}
      {found && (
        <section className="found" aria-labelledby="found-title" data-testid="server-found">
          <ScreenHeading id="found-title" level={2} focusOnMount>
            Found {found.name}
          </ScreenHeading>
          <p>
            <code>{found.url}</code> · Rocket.Chat {found.version ?? '(version not shared)'}
          </p>
          <button
            type="button"
            onClick={() => startSignIn({ serverId: found.id, serverName: found.name, serverUrl: found.url, version: found.version })}
          >
            Continue to sign in
          </button>
        </section>
      )}
      <KnownServers title="Or sign in to a server this app knows" />
    </section>
  );
}
