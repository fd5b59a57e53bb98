import { useEffect, useState } from 'react';
import type { DataDownloadAnswer } from '../../../shared/accountDataSchemas';
import { useAccountData } from '../stores/accountDataStore';
import { BusyButton } from './BusyButton';
import { Notice } from './Notice';

/** When the request the server speaks of was made, in the person's own format. */
function requestedWords(answer: DataDownloadAnswer): string | null {
  if (answer.outcome === 'requested' || !answer.requestedAt) return null;
  return `Requested on ${new Date(answer.requestedAt).toLocaleString()}.`;
}

/**
 * "Download my data": the server prepares a file (everything, or the messages only) and emails
 * a link. The section names the account, asks once, and says what the server answered;
 * where the workspace does not allow it, or the server is away, it says why instead.
 */
export function DataDownloadSection({ accountId, online }: { accountId: string; online: boolean }) {
  const view = useAccountData((state) => state.views[accountId]) ?? null;
  const problem = useAccountData((state) => state.problems[accountId]) ?? null;
  const { load, requestDataDownload } = useAccountData();
  const [fullExport, setFullExport] = useState(true);
  const [busy, setBusy] = useState(false);
  // Kept with the account it answers for: another account's section starts without it.
  const [said, setAnswer] = useState<({ value: DataDownloadAnswer } | { error: string }) & { accountId: string }>();
  const answer = said?.accountId === accountId ? said : null;

  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the section.
    void load(accountId);
  }, [accountId, online, load]);

  const request = async () => {
    setBusy(true);
    setAnswer(undefined);
    const result = await requestDataDownload({ accountId, fullExport });
    setBusy(false);
    setAnswer(result.ok ? { accountId, value: result.value } : { accountId, error: result.error.message });
    // A refusal (the workspace's setting, a lost connection) is read again so the section says what is true now.
    if (!result.ok) void load(accountId);
  };

  const offered = view?.available === true && online;
  return (
    <section aria-labelledby="data-download-title" className="card" data-testid="data-download">
      <h2 id="data-download-title" className="section-title">
        Download my data
      </h2>
      {view && <p className="hint">For {view.accountLabel}. The server prepares a file and emails you a link when it is ready.</p>}
      {problem && <Notice tone="error">{problem}</Notice>}
      {view && !view.available && view.reason && (
        <p className="hint" role="status" data-testid="data-download-unavailable">
          {view.reason}
        </p>
      )}
      <fieldset disabled={!offered || busy}>
        <legend>What to include</legend>
        <label>
          <input type="radio" name="data-download-kind" checked={fullExport} onChange={() => setFullExport(true)} /> All my data
        </label>
        <label>
          <input type="radio" name="data-download-kind" checked={!fullExport} onChange={() => setFullExport(false)} /> My messages only
        </label>
      </fieldset>
      <div className="actions">
        {/* How it went shows in the section; a click handler has nobody to hand the promise to. */}
        <BusyButton type="button" busy={busy} busyLabel="Asking the server…" disabled={!offered} onClick={() => void request()}>
          Request download
        </BusyButton>
      </div>
      {answer && 'value' in answer && (
        <Notice tone={answer.value.outcome === 'requested' ? 'success' : 'info'} testId="data-download-answer">
          {[answer.value.message, requestedWords(answer.value)].filter(Boolean).join(' ')}
        </Notice>
      )}
      {answer && 'error' in answer && (
        <Notice tone="error" testId="data-download-answer">
          {answer.error}
        </Notice>
      )}
    </section>
  );
}
