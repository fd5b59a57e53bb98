import { useEffect } from 'react';
import { ForgetComputerSection } from '../components/ForgetComputerSection';
import { NetworkSection } from '../components/NetworkSection';
import { Notice } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';
import { useAppInfo } from '../stores/appInfoStore';

export function AboutScreen() {
  const { info, error, loading, load, claimLinks } = useAppInfo();
  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    void load();
  }, [load]);

  return (
    <section aria-labelledby="about-title" className="screen">
      <ScreenHeading id="about-title">About and diagnostics</ScreenHeading>
      {error && (
        <Notice tone="error" detail={error.detail}>
          {error.message}
        </Notice>
      )}
      {!info && !error && <p aria-live="polite">Loading…</p>}
      {info && (
        <dl className="facts" aria-busy={loading}>
          <dt>Version</dt>
          <dd data-testid="app-version">{info.version}</dd>
          <dt>Running in</dt>
          <dd>{info.shell === 'electron' ? 'Desktop app' : info.shell === 'browser-host' ? 'Browser host' : 'Test'}</dd>
          <dt>Data folder</dt>
          <dd data-testid="data-dir">
            <code>{info.dataDir}</code>
          </dd>
          <dt>Local data</dt>
          <dd data-testid="storage-state">{info.database.storage.message}</dd>
          <dt>Database schema</dt>
          <dd data-testid="schema-version">{info.database.schemaVersion}</dd>
          <dt>System keychain</dt>
          <dd data-testid="keychain-status">
            {info.keychain.state === 'available' ? 'Available' : `Unavailable — ${info.keychain.reason}`}
          </dd>
          {info.updates && (
            <>
              <dt>Updates</dt>
              <dd data-testid="updates">{info.updates.message}</dd>
            </>
          )}
          {info.appLinks && (
            <>
              <dt>Sign-in links</dt>
              <dd data-testid="app-links">
                {info.appLinks.message}
                {info.appLinks.canClaim && (
                  <>
                    {' '}
                    {/* How it went shows on screen; an event handler has nobody to hand the promise to. */}
                    <button type="button" className="secondary" onClick={() => void claimLinks()} disabled={loading}>
                      Open rocketchat:// links here
                    </button>
                  </>
                )}
              </dd>
            </>
          )}
        </dl>
      )}
      {info?.database.recovered && (
        <p role="status" className="notice warning" data-testid="storage-recovered">
          The local database could not be read and was set aside at <code>{info.database.recovered.movedTo}</code>:{' '}
          {info.database.recovered.reason} The app started with a fresh one; your accounts will sync again from their servers.
        </p>
      )}
      {info?.managedServers && (
        <p role="status" className="notice warning" data-testid="managed-servers-problem">
          The managed server list <code>{info.managedServers.file}</code> could not be used: {info.managedServers.problem}
        </p>
      )}
      {/* How it went shows on screen; an event handler has nobody to hand the promise to. */}
      <button type="button" className="secondary" onClick={() => void load()} disabled={loading}>
        {loading ? 'Refreshing…' : 'Refresh'}
      </button>
      <NetworkSection />
      <ForgetComputerSection />
    </section>
  );
}
