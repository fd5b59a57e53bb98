import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppError } from '../../../shared/errors';
import { textLimits } from '../../../shared/limits';
import { required } from '../../../shared/requiredFields';
import type { SignInService, SsoStarted } from '../../../shared/signInSchemas';
import { useFormFields } from '../forms/useFormFields';
import { useServers } from '../stores/serversStore';
import { useSignIn } from '../stores/signInStore';
import { useUi } from '../stores/uiStore';
import { BusyButton } from './BusyButton';
import { Notice } from './Notice';
import { TextField } from './TextField';

type Challenge = NonNullable<AppError['twoFactor']> & { challengeId: string };

interface SingleSignOnProps {
  serverId: string;
  services: SignInService[];
  sessionOnly: boolean;
  onSignedIn(): void;
  onChallenge(challenge: Challenge): void;
}

const pasteWords = {
  link: {
    explain:
      'When you are done, your browser hands the sign-in back to this app. If it shows a link starting with rocketchat:// instead, or opens another app, copy that link and paste it here. If the identity provider turned you down, nothing comes back by itself: press Cancel.',
    label: 'Sign-in link',
  },
  paste: {
    explain:
      'When your browser shows the workspace after signing in, copy the whole address from its address bar and paste it here to finish.',
    label: 'Address after signing in',
  },
} as const;

/**
 * One button per single sign-on service of the workspace. The provider's page opens in
 * the system browser (never inside the app, so the app never sees that password); this
 * panel waits for the sign-in to come back, or takes what the person pastes.
 */
export function SingleSignOn({ serverId, services, sessionOnly, onSignedIn, onChallenge }: SingleSignOnProps) {
  const { startSso, awaitSso, completeSso, cancelSso } = useSignIn.getState();
  const [flow, setFlow] = useState<(SsoStarted & { label: string }) | null>(null);
  const [starting, setStarting] = useState<string | null>(null);
  const pasted = useFormFields({ link: '' }, () => ({
    limit: textLimits.signInLink,
    required: flow && flow.finish !== 'poll' ? required(`Paste the ${pasteWords[flow.finish].label.toLowerCase()}.`) : undefined,
  }));
  const link = pasted.values.link;
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  useEffect(() => {
    if (flow) heading.current?.focus();
  }, [flow]);

  const start = async (service: SignInService) => {
    setStarting(service.id);
    setProblem(null);
    const started = await startSso({ serverId, serviceId: service.id, sessionOnly });
    setStarting(null);
    if (!started.ok) return setProblem(started.error.message);
    setFlow({ ...started.value, label: service.label });
    pasted.reset({ link: '' });
    window.open(started.value.url, '_blank', 'noopener,noreferrer');
    const outcome = await awaitSso(started.value.flowId);
    if (!live.current) return;
    setFlow(null);
    if (outcome.ok) return onSignedIn();
    const { error } = outcome;
    if (error.code === 'two-factor-required' && error.twoFactor?.challengeId) {
      return onChallenge({ ...error.twoFactor, challengeId: error.twoFactor.challengeId });
    }
    if (error.message !== 'Sign-in cancelled.') setProblem(error.message);
  };

  const finish = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!flow || !pasted.validate()) return;
    setChecking(true);
    const answer = await completeSso(flow.flowId, flow.finish === 'poll' ? undefined : link.trim());
    if (!live.current) return;
    setChecking(false);
    // The waiting call above ends the flow on success or refusal; only a paste the app cannot use stays here.
    if (!answer.ok && answer.error.fields?.link) pasted.answer({ link: answer.error.fields.link });
  };

  if (flow) {
    return (
      <section className="sso-wait" aria-labelledby="sso-wait-title" data-testid="sso-waiting">
        <h2 id="sso-wait-title" tabIndex={-1} ref={heading}>
          Finish signing in in your browser
        </h2>
        <p>
          Your browser opened the sign-in page of <strong>{flow.label}</strong>. Sign in there; your password stays with your browser.{' '}
          <a href={flow.url} target="_blank" rel="noopener noreferrer">
            Open the sign-in page again
          </a>
        </p>
        {/* How it went shows on screen; an event handler has nobody to hand the promise to. */}
        <form onSubmit={(event) => void finish(event)} noValidate className="form">
          {flow.finish === 'poll' ? (
            <p className="hint">This app notices by itself when you are done. Back already? Let it look now.</p>
          ) : (
            <>
              <p className="hint">{pasteWords[flow.finish].explain}</p>
              <TextField label={pasteWords[flow.finish].label} name="link" spellCheck={false} autoComplete="off" {...pasted.bind('link')} />
            </>
          )}
          <div className="actions">
            <BusyButton type="submit" busy={checking} busyLabel="Finishing…">
              {flow.finish === 'poll' ? 'I have signed in' : 'Finish sign-in'}
            </BusyButton>
            {/* How it went shows on screen; an event handler has nobody to hand the promise to. */}
            <button type="button" className="secondary" onClick={() => void cancelSso(flow.flowId)}>
              Cancel
            </button>
          </div>
        </form>
      </section>
    );
  }

  return (
    <div className="sso-services" role="group" aria-label="Single sign-on">
      {services.map((service) => (
        <BusyButton
          key={service.id}
          type="button"
          className="secondary"
          busy={starting === service.id}
          busyLabel="Opening your browser…"
          // How it went shows on screen; an event handler has nobody to hand the promise to.
          onClick={() => void start(service)}
        >
          {service.label}
        </BusyButton>
      ))}
      {problem && (
        <p role="alert" className="error" data-testid="sso-problem">
          {problem}
        </p>
      )}
    </div>
  );
}

/**
 * The workspace names another address as its own (Site_Url): single sign-on would finish
 * there, so it is not offered here (the core starts none, D60). The person may add that
 * address and sign in there instead.
 */
export function SingleSignOnElsewhere({ address, addedUrl }: { address: string; addedUrl: string }) {
  const addServer = useServers((state) => state.add);
  const startSignIn = useUi((state) => state.startSignIn);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Pick<AppError, 'message' | 'detail'> | null>(null);

  const signInThere = async () => {
    setBusy(true);
    setProblem(null);
    const added = await addServer(address);
    setBusy(false);
    if (!added.ok) return setProblem({ message: added.error.fields?.url ?? added.error.message, detail: added.error.detail });
    const server = added.value;
    startSignIn({ serverId: server.id, serverName: server.name, serverUrl: server.url, version: server.version });
  };

  return (
    <div className="notice info" data-testid="sso-elsewhere">
      <p>
        Single sign-on is not offered at this address. This server gives its address as <code>{address}</code>, not <code>{addedUrl}</code>,
        and single sign-on finishes at the workspace’s own address.
      </p>
      <p>
        {/* How it went shows on screen; an event handler has nobody to hand the promise to. */}
        <BusyButton type="button" className="secondary" busy={busy} busyLabel="Checking the server…" onClick={() => void signInThere()}>
          Sign in at {address}
        </BusyButton>
      </p>
      {problem && (
        <Notice tone="error" detail={problem.detail}>
          {problem.message}
        </Notice>
      )}
    </div>
  );
}
