import { useId, useState, type FormEvent } from 'react';
import { textLimits } from '../../../shared/limits';
import type { NetworkPrompt } from '../../../shared/networkSchemas';
import { isBlank } from '../../../shared/requiredFields';
import { useFormFields } from '../forms/useFormFields';
import { useNetwork } from '../stores/networkStore';
import { PasswordField } from './PasswordField';
import { TextField } from './TextField';

// The forms of NetworkPromptDialog, loaded when a question first comes (most starts have none).

export function ProxySignIn({ prompt, onCancel }: { prompt: Extract<NetworkPrompt, { kind: 'proxy-sign-in' }>; onCancel(): void }) {
  const answer = useNetwork((state) => state.answer);
  const fields = useFormFields({ username: '', password: '' }, (name) => ({
    limit: name === 'username' ? textLimits.proxyUser : textLimits.proxyPassword,
  }));
  const { username, password } = fields.values;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // How it went shows on screen; an event handler has nobody to hand the promise to.
    if (fields.validate() && !isBlank(username)) void answer(prompt.promptId, { username: username.trim(), password });
  };
  return (
    <form onSubmit={submit} className="form">
      <h2 id="network-prompt-title">Sign in to the proxy</h2>
      <p>
        {prompt.again ? 'The proxy did not accept that user name and password. ' : ''}
        The proxy {prompt.proxy}
        {prompt.realm ? ` (${prompt.realm})` : ''} asks for a sign-in before the app can reach your servers. It is kept in the system
        keychain.
      </p>
      <TextField label="Proxy user name" autoComplete="username" autoFocus {...fields.bind('username')} />
      <PasswordField label="Proxy password" autoComplete="current-password" {...fields.bind('password')} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={isBlank(username)}>
          Sign in to proxy
        </button>
      </div>
    </form>
  );
}

export function CertificateChoice({
  prompt,
  onCancel,
}: {
  prompt: Extract<NetworkPrompt, { kind: 'client-certificate' }>;
  onCancel(): void;
}) {
  const answer = useNetwork((state) => state.answer);
  const [chosen, setChosen] = useState(prompt.certificates[0]?.fingerprint ?? '');
  const name = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // How it went shows on screen; an event handler has nobody to hand the promise to.
    if (chosen) void answer(prompt.promptId, { fingerprint: chosen });
  };
  return (
    <form onSubmit={submit} className="form">
      <h2 id="network-prompt-title">Choose a certificate for {prompt.server}</h2>
      <p>{prompt.server} asks for a certificate that identifies you. The app remembers your choice for this server.</p>
      <fieldset className="choices">
        <legend>Certificates on this computer</legend>
        {prompt.certificates.map((certificate) => (
          <label key={certificate.fingerprint} className="choice">
            <input
              type="radio"
              name={name}
              value={certificate.fingerprint}
              checked={chosen === certificate.fingerprint}
              onChange={() => setChosen(certificate.fingerprint)}
            />
            <span>
              {certificate.subject}
              <br />
              <small>
                Issued by {certificate.issuer}, valid until {certificate.validTo.slice(0, 10)}
              </small>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="button" className="secondary" onClick={onCancel}>
          Send none
        </button>
        <button type="submit">Use this certificate</button>
      </div>
    </form>
  );
}
