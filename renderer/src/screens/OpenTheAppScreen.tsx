/**
 * A browser tab opened on the browser host's address without its secret (typed by hand,
 * bookmarked, or shared): it cannot reach the app, and says how to open it instead of
 * showing an empty Welcome screen.
 */
export function OpenTheAppScreen() {
  return (
    <main className="content open-the-app" id="main">
      <section aria-labelledby="open-title" className="screen narrow">
        <h1 id="open-title">Open Account Manager from its own address</h1>
        <p role="alert" className="notice warning">
          The app is not reachable from this page: it was opened without the key that the browser host gives it.
        </p>
        <p>
          When <code>npm run web</code> (or <code>npm run demo</code>) starts, it prints a line such as{' '}
          <code>Open: http://127.0.0.1:4700/#secret=…</code>. Open that whole address, secret included, in this browser. The key then leaves
          the address bar, and reloading this tab keeps working.
        </p>
        <p className="hint">If the browser host has stopped, start it again and open the new address it prints.</p>
      </section>
    </main>
  );
}
