// Pages whose engine side is not built yet say so plainly, and say what they will do.
import type { PageId } from '../stores/nav';

const PLANS: Partial<Record<PageId, { title: string; what: string[] }>> = {
  checkpoints: {
    title: 'Checkpoints',
    what: [
      'List manual, automatic, emergency, pre-upgrade, daily and pre-rollback checkpoints with their retention badges.',
      'Verify a checkpoint (rehash chunks, recompute roots) and diff any two, down to field-level decimal deltas.',
      'Roll back the desk, one account or one strategy: preview, typed confirmation, automatic pre-rollback checkpoint.',
    ],
  },
  reconciliation: {
    title: 'Reconciliation',
    what: [
      'Compare live state or a checkpoint with a broker snapshot (CSV, CCXT or Alpaca JSON).',
      'List discrepancies by kind with exact tolerances, resolve them one by one, and export the report.',
    ],
  },
  storage: {
    title: 'Storage',
    what: ['Show the hot, warm and cold tiers: objects, bytes raw and stored, hit ratio, read latency, promotions and demotions.'],
  },
  backups: {
    title: 'Backups',
    what: [
      'Run full, incremental, differential and snapshot backups to a folder or an S3-compatible store, encrypted.',
      'Verify a backup by test-restoring it, and restore into a new folder.',
    ],
  },
  recovery: {
    title: 'Recovery',
    what: [
      'Run the failure detectors and walk a playbook step by step, with RPO and RTO measured.',
      'Run the automatic steps with retries and hand the rest to a person.',
    ],
  },
};

export function NotBuiltPage({ page }: { page: PageId }) {
  const plan = PLANS[page];
  return (
    <section className="page" data-testid={`page-${page}`}>
      <div className="page-head">
        <h1 className="page-title">{plan?.title ?? page}</h1>
      </div>
      <div className="page-body page-scroll">
        <div className="panel not-built" data-testid="not-built">
          <div className="not-built-tag">Not built yet</div>
          <p>This part of the console is not built yet. When it is, it will:</p>
          <ul>{plan?.what.map((w) => <li key={w}>{w}</li>)}</ul>
        </div>
      </div>
    </section>
  );
}
