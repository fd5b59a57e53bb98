import { defaultHostWindows } from '../../../shared/socketFrames';

/**
 * The browser host turned this tab's socket down, or stopped before the tab reached it.
 * Shown instead of the app, whose screens would otherwise look like a first run with no
 * accounts: the person is told their data is safe, and how to open the app again.
 */
export function HostRefusedScreen({ hostRunning }: { hostRunning: boolean }) {
  return (
    <main className="content open-the-app" id="main">
      <section aria-labelledby="refused-title" className="screen narrow">
        <h1 id="refused-title">
          {hostRunning ? 'This tab is from an earlier start of Account Manager' : 'Account Manager is not running'}
        </h1>
        <p role="alert" className="notice warning">
          {hostRunning
            ? 'Account Manager is running, but not for this tab: the tab holds the key of an earlier start, and each start has a new one.'
            : 'The app that served this page has stopped, so this tab cannot reach it.'}{' '}
          Your accounts and everything saved are kept by the app, not by this tab: nothing is lost.
        </p>
        <p>
          {hostRunning
            ? 'Open the address the app printed when it started'
            : 'Start it again (npm run web or npm run demo) and open the address it prints'}
          , a line such as <code>Open: http://127.0.0.1:4700/#secret=…</code>, secret included.
        </p>
        {hostRunning && (
          <p className="hint">
            Opened that address already? The app serves {defaultHostWindows} windows at a time: close tabs you no longer use, then reload
            this one.
          </p>
        )}
      </section>
    </main>
  );
}
