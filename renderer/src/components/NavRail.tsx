// Left navigation: the console's pages with their shortcuts.
import { PAGES, useNav } from '../stores/nav';

const BUILT = new Set(['dashboard', 'state', 'checkpoints', 'reconciliation', 'audit']);

export function NavRail({ onHelp }: { onHelp(): void }) {
  const page = useNav((s) => s.page);
  const go = useNav((s) => s.go);
  return (
    <nav className="rail" aria-label="Console">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Lifeboat</span>
      </div>
      <ul className="rail-list">
        {PAGES.map((p, i) => (
          <li key={p.id}>
            <button
              type="button"
              className={`rail-item${page === p.id ? ' active' : ''}${BUILT.has(p.id) ? '' : ' later'}`}
              aria-current={page === p.id ? 'page' : undefined}
              onClick={() => go(p.id)}
              data-testid={`nav-${p.id}`}
              title={`g ${p.key}  ·  Alt+${i + 1}`}
            >
              <span className="rail-label">{p.label}</span>
              <kbd className="rail-key">g {p.key}</kbd>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="rail-help" onClick={onHelp} data-testid="shortcut-help-button">
        Keyboard <kbd>?</kbd>
      </button>
    </nav>
  );
}
