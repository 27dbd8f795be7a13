// Left navigation: the console's pages with their shortcuts.
import { useNav } from '../routing/nav';
import { altKey, PAGES } from './pages';
import { useNotices } from '../notices/store';

export function NavRail({ onHelp }: { onHelp(): void }) {
  const page = useNav((s) => s.page);
  const go = useNav((s) => s.go);
  const unseen = useNotices((s) => s.unseen);
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
              className={`rail-item${page === p.id ? ' active' : ''}`}
              aria-current={page === p.id ? 'page' : undefined}
              onClick={() => go(p.id)}
              // A page's chunk starts coming as the pointer or the focus reaches its item.
              onPointerEnter={() => void p.component.preload().catch(() => undefined)}
              onFocus={() => void p.component.preload().catch(() => undefined)}
              data-testid={`nav-${p.id}`}
              title={[`g ${p.key}`, altKey(i)].filter(Boolean).join('  ·  ')}
            >
              <span className="rail-label">{p.label}</span>
              {p.id === 'activity' && unseen ? (
                <span className="rail-badge" data-testid="activity-badge" aria-label={`${unseen} unseen ${unseen === 1 ? 'failure' : 'failures'}`}>
                  {unseen > 99 ? '99+' : unseen}
                </span>
              ) : null}
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
