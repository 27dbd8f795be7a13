// A wizard: its steps across the top (Stepper), the current step's body, and the bar at the foot
// of each step (back on the left, forward on the right), kept in view however long the step is.
import { useRef, type ReactNode } from 'react';
import { useFocusInto } from '../hooks/useFocusInto';
import { Stepper } from './Stepper';
import './Wizard.css';

export function Wizard({ steps, current, testId, children }: { steps: readonly { id: string; label: string }[]; current: string; testId: string; children: ReactNode }) {
  // Leaving the wizard gives focus back to what opened it.
  const ref = useRef<HTMLDivElement>(null);
  useFocusInto(ref, { returnFocus: true });
  return (
    <div className="wizard" ref={ref} tabIndex={-1} data-testid={testId} data-step={current}>
      <Stepper steps={steps} current={current} testId={`${testId}-steps`} />
      <div className="wizard-body">{children}</div>
    </div>
  );
}

/** One step of a wizard: scrolls inside itself, so its foot stays on screen; focus moves into it as it appears. */
export function WizardStep({ className, testId, children }: { className?: string; testId: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusInto(ref);
  return (
    <div className={`wizard-step${className ? ` ${className}` : ''}`} ref={ref} tabIndex={-1} data-testid={testId}>
      {children}
    </div>
  );
}

/** The bar at the foot of a step: back on the left, forward on the right. */
export function WizardFoot({ children, note }: { children: ReactNode; note?: ReactNode }) {
  return (
    <div className="wizard-foot">
      {note ? <span className="wizard-note">{note}</span> : null}
      {children}
    </div>
  );
}

/**
 * The head of a wizard's result: a round mark (✓, or ! when it did not check out), the title, and
 * a line of what it did. `tone` picks the colour of a mark that did not check out.
 */
export function WizardResultHead({ ok, tone = 'halt', title, children }: { ok: boolean; tone?: 'halt' | 'warn'; title: ReactNode; children?: ReactNode }) {
  return (
    <div className="wizard-result-head">
      <span className={`wizard-result-mark${ok ? '' : ` ${tone}`}`} aria-hidden="true">
        {ok ? '✓' : '!'}
      </span>
      <div>
        <div className="wizard-result-title">{title}</div>
        {children ? <div className="dim">{children}</div> : null}
      </div>
    </div>
  );
}
