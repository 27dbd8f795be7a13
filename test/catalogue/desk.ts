// The desk every catalogue case runs against, and what "nothing was written" compares.
import { join } from 'node:path';
import { Engine } from '../../electron/engine/engine';
import { generateDesk } from '../../electron/engine/demo/generate-desk';
import { writeDemoSnapshots } from '../../electron/engine/demo/broker-snapshots/write-demo-snapshots';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

export const AS_OF = '2026-11-20T21:00:00.000Z';

/** One desk for a whole catalogue file (made once: the cases do not change it); `closeCatalogueDesk` removes it. */
export async function openCatalogueDesk(): Promise<Engine> {
  const engine = Engine.open({ stateDir: join(mkdtempSync(join(tmpdir(), 'lifeboat-catalogue-')), 'desk'), mode: 'write', purpose: 'catalogue', create: true });
  generateDesk(engine.store, { size: 'small', seed: 21, asOf: AS_OF });
  writeDemoSnapshots(engine, 21, AS_OF);
  engine.checkpoints.create('manual', 'catalogue base');
  return engine;
}

/** The live state's root, the audit trail's length, the checkpoints and the reconciliation runs. */
export function stateFingerprint(engine: Engine) {
  const db = engine.store.db;
  const count = (table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();
  return {
    root: engine.checkpoints.stateHash().rootHash,
    audit: count('audit_log'),
    checkpoints: count('checkpoints'),
    runs: count('recon_runs'),
    mappings: count('symbol_mappings'),
  };
}

export async function closeCatalogueDesk(engine: Engine): Promise<void> {
  await engine.close();
  rmSync(join(engine.paths.dir, '..'), { recursive: true, force: true });
}
