import { useUi, type Screen } from '../stores/uiStore';
import { AccountSwitcher } from './AccountSwitcher';

const items: { screen: Screen; label: string }[] = [
  { screen: 'home', label: 'Home' },
  { screen: 'people', label: 'People' },
  { screen: 'activity', label: 'Activity' },
  { screen: 'security', label: 'Security' },
  { screen: 'about', label: 'About' },
];

export function Navigation() {
  const { screen: current, show } = useUi();
  return (
    <aside className="sidebar">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark">AM</span>
        <span>Account Manager</span>
      </div>
      <AccountSwitcher />
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
              </button>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
