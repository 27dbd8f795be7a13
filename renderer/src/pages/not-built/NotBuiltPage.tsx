// Pages whose engine side is not built yet say so plainly, and say what they will do.
import type { ComponentType } from 'react';
import { PageHeader } from '../../components/PageHeader';

export interface Plan {
  id: string;
  title: string;
  what: string[];
}

export function NotBuiltPage({ plan }: { plan: Plan }) {
  return (
    <section className="page" data-testid={`page-${plan.id}`}>
      <PageHeader title={plan.title} />
      <div className="page-body page-scroll">
        <div className="panel not-built" data-testid="not-built">
          <div className="not-built-tag">Not built yet</div>
          <p>This part of the console is not built yet. When it is, it will:</p>
          <ul>{plan.what.map((w) => <li key={w}>{w}</li>)}</ul>
        </div>
      </div>
    </section>
  );
}

/** A registry component for a page that is not built yet. */
export function notBuilt(plan: Plan): ComponentType {
  return function Later() {
    return <NotBuiltPage plan={plan} />;
  };
}
