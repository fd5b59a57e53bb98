import { useUi, type Screen } from '../stores/uiStore';

const items: { screen: Screen; label: string }[] = [
  { screen: 'home', label: 'Home' },
  { screen: 'about', label: 'About' },
];

export function Navigation() {
  const { screen: current, show } = useUi();
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark">AM</span>
        <span>Account Manager</span>
      </div>
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
  );
}
