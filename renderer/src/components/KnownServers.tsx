import { useEffect } from 'react';
import { useServers } from '../stores/serversStore';
import { useUi } from '../stores/uiStore';

/**
 * The servers this app already knows — from a managed servers.json, added before, or left
 * by a removed account — each one click from its sign-in form. `primary`: signing in to
 * one of them is the screen's main action (the welcome screen).
 */
export function KnownServers({ title, primary = false }: { title: string; primary?: boolean }) {
  const servers = useServers((state) => state.servers);
  const load = useServers((state) => state.load);
  const startSignIn = useUi((state) => state.startSignIn);

  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    void load();
  }, [load]);

  if (servers.length === 0) return null;
  return (
    <section aria-labelledby="known-servers-title" className="known-servers">
      <h2 id="known-servers-title" className="section-title">
        {title}
      </h2>
      <ul data-testid="known-servers">
        {servers.map((server) => (
          <li key={server.id} className="known-server">
            <span className="known-server-text">
              <span className="result-name">{server.name}</span>
              <span className="result-detail">{server.url}</span>
            </span>
            <button
              type="button"
              className={primary ? undefined : 'secondary'}
              aria-label={`Sign in to ${server.name}`}
              onClick={() => startSignIn({ serverId: server.id, serverName: server.name, serverUrl: server.url, version: server.version })}
            >
              Sign in
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
