import { useEffect, useRef } from 'react';
import { activeAccount, useAccounts } from '../stores/accountsStore';
import { needsAttention, useOutbox } from '../stores/outboxStore';
import { useUi, type Screen } from '../stores/uiStore';
import { AccountSwitcher } from './AccountSwitcher';

const items: { screen: Screen; label: string }[] = [
  { screen: 'home', label: 'Home' },
  { screen: 'people', label: 'People' },
  { screen: 'activity', label: 'Activity' },
  { screen: 'security', label: 'Security' },
  { screen: 'preferences', label: 'Preferences' },
  { screen: 'about', label: 'About' },
];

/**
 * The sidebar: accounts, then the screens; Activity carries a count while an edit waits for a
 * decision. The screens are always in view: the accounts collapse into a picker when they
 * would push them down (the space left below is `room`).
 */
export function Navigation() {
  const { screen: current, show } = useUi();
  const activeId = useAccounts(activeAccount)?.id;
  const loadOutbox = useOutbox((state) => state.load);
  const attention = useOutbox((state) => (activeId ? needsAttention(state.views[activeId]) : 0));
  const room = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    if (activeId) void loadOutbox(activeId);
  }, [activeId, loadOutbox]);

  return (
    <aside className="sidebar">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark">AM</span>
        <span>Account Manager</span>
      </div>
      <AccountSwitcher room={room} />
      <nav aria-label="Main">
        <ul>
          {items.map((item) => (
            <li key={item.screen}>
              <button
                type="button"
                className="nav-item"
                aria-current={current === item.screen ? 'page' : undefined}
                onClick={() => show(item.screen)}
              >
                {item.label}
                {item.screen === 'activity' && attention > 0 && (
                  <>
                    <span className="count-badge" aria-hidden="true" data-testid="activity-badge">
                      {attention}
                    </span>
                    <span className="visually-hidden">, {attention === 1 ? 'one edit needs' : `${attention} edits need`} you</span>
                  </>
                )}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div ref={room} className="sidebar-room" />
    </aside>
  );
}
