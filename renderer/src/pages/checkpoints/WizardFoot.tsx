// The bar at the foot of a rollback step: back on the left, forward on the right.
import type { ReactNode } from 'react';

/** The bar at the foot of a step: back on the left, forward on the right. */
export function WizardFoot({ children, note }: { children: ReactNode; note?: ReactNode }) {
  return (
    <div className="cp-wizard-foot">
      {note ? <span className="cp-wizard-note">{note}</span> : null}
      {children}
    </div>
  );
}
