import type { ReactNode } from 'react';

export type BadgeTone = 'ok' | 'halt' | 'warn' | 'info' | 'neutral';

export function Badge({ tone, children, title, testId }: { tone: BadgeTone; children: ReactNode; title?: string; testId?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title} data-testid={testId}>
      {children}
    </span>
  );
}
