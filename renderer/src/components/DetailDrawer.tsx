// A side panel with every field of one row, exact values, and JSON documents in full.
import { useRef, type ReactNode } from 'react';
import { useEscape } from '../hooks/useDismiss';

export interface DetailField {
  label: string;
  value: ReactNode;
  /** The exact text to copy, when it differs from what is shown. */
  copy?: string;
}

export function DetailDrawer({
  title,
  subtitle,
  fields,
  json,
  jsonLabel = 'Document',
  onClose,
  children,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  fields: DetailField[];
  json?: unknown;
  jsonLabel?: string;
  onClose(): void;
  children?: ReactNode;
}) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEscape(onClose, { handled: true });
  return (
    <aside className="drawer" role="dialog" aria-label="Details" data-testid="detail-drawer">
      <header className="drawer-head">
        <div>
          <div className="drawer-title">{title}</div>
          {subtitle ? <div className="drawer-subtitle">{subtitle}</div> : null}
        </div>
        <button ref={closeRef} type="button" className="btn btn-ghost" onClick={onClose} aria-label="Close details" title="Close (Esc)">
          ✕
        </button>
      </header>
      <div className="drawer-body">
        <dl className="kv">
          {fields.map((f) => (
            <div key={f.label} className="kv-row">
              <dt>{f.label}</dt>
              <dd>{f.value === null || f.value === undefined || f.value === '' ? <span className="dim">—</span> : f.value}</dd>
            </div>
          ))}
        </dl>
        {children}
        {json !== undefined ? (
          <section className="drawer-json">
            <div className="section-label">{jsonLabel}</div>
            <pre data-testid="detail-json">{JSON.stringify(json, null, 2)}</pre>
          </section>
        ) : null}
      </div>
    </aside>
  );
}
