// The head of every page: its title (or crumbs back to the page's home view), what sits beside
// the title (tabs), the "updated" pulse, and the page's actions on the right.
import type { ReactNode } from 'react';
import { UpdatedPulse } from './UpdatedPulse';

export function PageHeader({ title, stamp, children, right }: { title: ReactNode; stamp?: number; children?: ReactNode; right?: ReactNode }) {
  return (
    <div className="page-head">
      <h1 className="page-title">{title}</h1>
      {children}
      {stamp !== undefined ? <UpdatedPulse stamp={stamp} /> : null}
      {right !== undefined ? <div className="page-head-right">{right}</div> : null}
    </div>
  );
}

/** "Home › Here": the way back to a page's home view, and where the person is. */
export function Crumbs({ home, onHome, testId, children }: { home: string; onHome(): void; testId: string; children: ReactNode }) {
  return (
    <>
      <button type="button" className="crumb" onClick={onHome} data-testid={testId}>
        {home}
      </button>
      <span className="crumb-sep">›</span>
      {children}
    </>
  );
}
