import { useId, useState } from 'react';

/** Offers the codes as a text file; nothing is kept by the app. */
function saveCodes(codes: string[], accountLabel: string | undefined): void {
  const link = document.createElement('a');
  const heading = `Backup codes${accountLabel ? ` for ${accountLabel}` : ''} (each works once)`;
  link.href = URL.createObjectURL(new Blob([`${heading}\n\n${codes.join('\n')}\n`], { type: 'text/plain' }));
  link.download = 'account-manager-backup-codes.txt';
  link.click();
  URL.revokeObjectURL(link.href);
}

/**
 * Backup codes shown once, right after the server made them: copy, save to a file, then
 * "I have kept them" ends the showing (the codes live only in this component's props).
 */
export function BackupCodesList({
  codes,
  title,
  intro,
  accountLabel,
  onKept,
}: {
  codes: string[];
  title: string;
  intro: string;
  /** Who the codes are for, written into the saved file. */
  accountLabel?: string;
  onKept(): void;
}) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="backup">
      <h3 id={titleId}>{title}</h3>
      <p>{intro}</p>
      <ul className="backup-codes" data-testid="backup-codes">
        {codes.map((backup) => (
          <li key={backup}>
            <code>{backup}</code>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            // A refused copy leaves the codes on screen (and Save) to keep them another way; the button's words say which.
            void navigator.clipboard?.writeText(codes.join('\n')).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="secondary" onClick={() => saveCodes(codes, accountLabel)}>
          Save to a file
        </button>
        <button type="button" onClick={onKept}>
          I have kept them
        </button>
      </div>
      {copied === false && (
        <p className="hint" role="status">
          The codes could not be copied here. Save them to a file, or write them down.
        </p>
      )}
    </section>
  );
}
