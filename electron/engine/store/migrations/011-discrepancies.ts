// Migration 11: discrepancies. Shipped: never edit it, add a new migration.
import type { Migration } from './migration';

export const migration11: Migration = {
  version: 11,
  name: 'discrepancies',
  sql: `
-- One word for a difference between our books and the broker's, in the tables as everywhere else:
-- a "finding" is a discrepancy.
ALTER TABLE recon_findings RENAME TO recon_discrepancies;
ALTER TABLE recon_discrepancies RENAME COLUMN finding_json TO discrepancy_json;
`,
};
