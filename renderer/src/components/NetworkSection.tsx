import { useEffect, useState } from 'react';
import { useNetwork } from '../stores/networkStore';
import { CertificateDecision } from './CertificateDecision';

/**
 * About: which network the app uses — the proxy for each server (from the system's settings
 * in the desktop app, from HTTPS_PROXY/HTTP_PROXY/NO_PROXY otherwise), the certificate trusted
 * for it (with Revoke), the client certificate it is shown, and a way to review its certificate.
 */
export function NetworkSection() {
  // A failed load is not repeated here: the About screen already says why the app cannot answer.
  const { info, loadInfo, revoke } = useNetwork();
  const [reviewing, setReviewing] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    void loadInfo();
  }, [loadInfo]);

  const revokeFor = async (url: string) => {
    const result = await revoke(url);
    setProblem(result.ok ? null : result.error.message);
  };

  if (!info) return null;
  return (
    <section aria-labelledby="network-title" className="network-section">
      <h2 id="network-title">Network</h2>
      <p className="lead">
        {info.proxySource === 'system'
          ? 'Proxies come from this computer’s network settings (including automatic configuration).'
          : 'Proxies come from the HTTPS_PROXY, HTTP_PROXY and NO_PROXY environment variables.'}
      </p>
      {info.servers.length === 0 && <p>No servers added yet.</p>}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {info.servers.map((server) => (
        <article key={server.serverId} className="network-server" aria-label={server.name} data-testid="network-server">
          <h3>{server.name}</h3>
          <dl className="facts">
            <dt>Address</dt>
            <dd>{server.url}</dd>
            <dt>Connection</dt>
            <dd data-testid="server-proxy">{server.proxy}</dd>
            <dt>Trusted certificate</dt>
            <dd data-testid="trusted-certificate">
              {server.pinned ? (
                <>
                  <code className="fingerprint">{server.pinned.fingerprint}</code> ({server.pinned.subject}, trusted{' '}
                  {server.pinned.pinnedAt.slice(0, 10)}){' '}
                  {/* How it went shows on screen; an event handler has nobody to hand the promise to. */}
                  <button type="button" className="secondary" onClick={() => void revokeFor(server.url)}>
                    Revoke trust
                  </button>
                </>
              ) : (
                'None: only certificates this computer trusts'
              )}
            </dd>
            {server.clientCertificate && (
              <>
                <dt>Client certificate</dt>
                <dd>{server.clientCertificate}</dd>
              </>
            )}
          </dl>
          {server.url.startsWith('https:') &&
            (reviewing === server.url ? (
              <CertificateDecision url={server.url} onTrusted={() => setReviewing(null)} />
            ) : (
              <button type="button" className="secondary" onClick={() => setReviewing(server.url)}>
                Review certificate
              </button>
            ))}
        </article>
      ))}
    </section>
  );
}
