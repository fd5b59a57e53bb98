import { useRef, useState, type FormEvent } from 'react';
import type { ServerSummary } from '../../../shared/accountSchemas';
import { AppFailure } from '../../../shared/errors';
import { textLimits } from '../../../shared/limits';
import { isBlank, missingWords, required } from '../../../shared/requiredFields';
import { correctedAddress, normalizeServerUrl } from '../../../shared/serverAddress';
import { BusyButton } from '../components/BusyButton';
import { CertificateDecision } from '../components/CertificateDecision';
import { KnownServers } from '../components/KnownServers';
import { Details } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';
import { TextField } from '../components/TextField';
import { useFormFields } from '../forms/useFormFields';
import { useServers } from '../stores/serversStore';
import { useUi } from '../stores/uiStore';

/** What is wrong with the address as typed, before anything is sent: the core's own reading of it. */
function checkAddress(value: string): string | null {
  if (isBlank(value)) return null;
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
  // Said once the person leaves the field: half an address is not yet wrong.
  const fields = useFormFields(
    { url: '' },
    () => ({ limit: textLimits.serverAddress, required: required(missingWords.serverAddress), check: checkAddress }),
    { checkFrom: 'leaving' },
  );
  const { url } = fields.values;
  const [busy, setBusy] = useState(false);
  const [detail, setDetail] = useState<string | null>(null);
  const [found, setFound] = useState<ServerSummary | null>(null);
  // A certificate the app could not verify: the decision shows under the form (issue 16).
  const [untrusted, setUntrusted] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // "htp://…": the address meant is offered as a button that puts it in the field.
  const meant = correctedAddress(url);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fields.validate()) return;
    setBusy(true);
    setDetail(null);
    setFound(null);
    const result = await addServer(url);
    setBusy(false);
    setUntrusted(!result.ok && result.error.code === 'tls-untrusted' ? url : null);
    if (result.ok) return setFound(result.value);
    fields.answer({ url: result.error.fields?.url ?? result.error.message });
    setDetail(result.error.detail ?? null);
  };

  return (
    <section aria-labelledby="add-server-title" className="screen narrow">
      <ScreenHeading id="add-server-title">Add a server</ScreenHeading>
      <p className="lead">The address of a Rocket.Chat server you have an account on.</p>
      {/* How it went shows on screen; an event handler has nobody to hand the promise to. */}
      <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate className="form">
        <div>
          <TextField
            label="Server address"
            name="url"
            placeholder="chat.example.com"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            hint="https is used unless the server runs on this computer, where plain http is tried too."
            {...fields.bind('url')}
            onChange={(event) => {
              fields.set('url', event.target.value);
              setDetail(null);
              setFound(null);
            }}
          />
          {detail && <Details detail={detail} />}
          {meant && (
            <button
              type="button"
              className="secondary small"
              onClick={() => {
                fields.set('url', meant);
                // The button goes with the slip: the field takes focus back.
                formRef.current?.querySelector<HTMLInputElement>('input[name="url"]')?.focus();
              }}
            >
              Use {meant}
            </button>
          )}
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
