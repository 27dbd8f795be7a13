// The keyboard shortcuts: one line per page of the registry, then the table keys.
import { altKey, PAGES } from './pages';

const TABLE_KEYS: [string, string][] = [
  ['/', 'Focus the quick filter'],
  ['↑ ↓  PgUp PgDn  Home End', 'Move the selected row'],
  ['Enter', 'Open the selected row'],
  ['Esc', 'Close details'],
  ['← →', 'Switch tabs (when a tab has focus)'],
  ['Shift+click header', 'Add a sort key'],
];

export function ShortcutHelp({ onClose }: { onClose(): void }) {
  return (
    <div className="overlay" role="dialog" aria-label="Keyboard shortcuts" onClick={onClose} data-testid="shortcut-help">
      <div className="overlay-box" onClick={(e) => e.stopPropagation()}>
        <div className="overlay-title">Keyboard</div>
        <div className="overlay-cols">
          <dl className="keys">
            {PAGES.map((p, i) => (
              <div key={p.id}>
                <dt>
                  <kbd>g</kbd> <kbd>{p.key}</kbd>
                  {altKey(i) ? (
                    <>
                      {' '}
                      / <kbd>{altKey(i)}</kbd>
                    </>
                  ) : null}
                </dt>
                <dd>{p.label}</dd>
              </div>
            ))}
          </dl>
          <dl className="keys">
            {TABLE_KEYS.map(([k, what]) => (
              <div key={k}>
                <dt>
                  <kbd>{k}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </div>
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
