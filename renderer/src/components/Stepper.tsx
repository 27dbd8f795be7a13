// The steps of a wizard across the top: done, current, still to come.
import './Stepper.css';

export function Stepper({ steps, current, testId }: { steps: readonly { id: string; label: string }[]; current: string; testId?: string }) {
  const at = steps.findIndex((s) => s.id === current);
  return (
    <ol className="stepper" data-testid={testId}>
      {steps.map((s, i) => (
        <li
          key={s.id}
          className={`step${i < at ? ' done' : i === at ? ' current' : ''}`}
          aria-current={i === at ? 'step' : undefined}
          data-testid={`step-${s.id}`}
        >
          <span className="step-n">{i < at ? '✓' : i + 1}</span>
          <span className="step-label">{s.label}</span>
        </li>
      ))}
    </ol>
  );
}
