import { useEffect, useId, useState } from 'react';
import type { CertificateReview } from '../../../shared/networkSchemas';
import { useNetwork } from '../stores/networkStore';
import { BusyButton } from './BusyButton';

interface CertificateDecisionProps {
  /** The server's address, as it was added or typed. */
  url: string;
  /** The person trusted the certificate: the caller may try again. */
  onTrusted(): void;
}

/**
 * The decision about a certificate the app could not verify: who it claims to be, who issued
 * it, its dates and its SHA-256 fingerprint, the risk in plain words, and — only when a pin
 * can cover the problem (an issuer nobody here trusts) — "Trust this certificate for <server>".
 */
export function CertificateDecision({ url, onTrusted }: CertificateDecisionProps) {
  const { review, trust } = useNetwork();
  const [shown, setShown] = useState<CertificateReview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();

  useEffect(() => {
    let current = true;
    // Both outcomes land in state (the certificate or the problem); an effect cannot wait.
    void review(url).then((result) => {
      if (!current) return;
      if (result.ok) setShown(result.value);
      else setProblem(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [review, url]);

  const decide = async () => {
    if (!shown?.certificate) return;
    setBusy(true);
    const result = await trust(url, shown.certificate.fingerprint);
    setBusy(false);
    if (result.ok) onTrusted();
    else setProblem(result.error.message);
  };

  if (!shown) {
    return problem ? (
      <p role="alert" className="error">
        {problem}
      </p>
    ) : (
      <p aria-live="polite">Reading the server’s certificate…</p>
    );
  }
  const certificate = shown.certificate;
  return (
    <section aria-labelledby={titleId} className="certificate-decision" data-testid="certificate-decision">
      <h2 id={titleId}>{certificate ? `The certificate of ${shown.server}` : `Certificate of ${shown.server}`}</h2>
      <p>{shown.explanation}</p>
      {certificate && (
        <dl className="facts">
          <dt>Claims to be</dt>
          <dd>{certificate.subject}</dd>
          <dt>Valid for</dt>
          <dd>{certificate.names.join(', ') || '—'}</dd>
          <dt>Issued by</dt>
          <dd>{certificate.issuer}</dd>
          <dt>Valid</dt>
          <dd>
            from {certificate.validFrom.slice(0, 10)} to {certificate.validTo.slice(0, 10)}
          </dd>
          <dt>SHA-256 fingerprint</dt>
          <dd>
            <code className="fingerprint" data-testid="certificate-fingerprint">
              {certificate.fingerprint}
            </code>
          </dd>
        </dl>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {certificate && shown.trustable && (
        <BusyButton
          type="button"
          className="danger"
          busy={busy}
          busyLabel="Trusting…"
          onClick={() => void decide() /* the dialog shows how it went */}
        >
          Trust this certificate for {shown.server}
        </BusyButton>
      )}
      {certificate && !shown.trustable && <p className="notice">The app does not offer to trust this certificate.</p>}
    </section>
  );
}
