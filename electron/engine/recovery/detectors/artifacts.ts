// 12. A model artifact missing or failing its checksum. Artifacts are blobs in lifeboat.db (table
// blobs, keyed by their SHA-256; artifacts names each version of one), not files: each version's
// bytes are read back and rehashed. The newest version of an artifact damaged is critical (a bot
// loads it); an older one alone is a warning.
import { createHash } from 'node:crypto';
import type { Detector, Verdict } from '../detector';

export interface ArtifactCheck {
  name: string;
  version: number;
  strategyId: string | null;
  createdAt: string;
  sha256: string;
  /** What is stored: null when the blob is missing. */
  stored: { sha256: string; bytes: number; recordedBytes: number } | null;
}

export function decideArtifacts(checks: ArtifactCheck[]): Verdict {
  const newest = new Map<string, number>();
  for (const c of checks) newest.set(c.name, Math.max(newest.get(c.name) ?? 0, c.version));
  const bad = checks
    .map((c) => {
      const problem = !c.stored
        ? 'its bytes are missing'
        : c.stored.sha256 !== c.sha256
          ? `its bytes hash to ${c.stored.sha256.slice(0, 12)}…, not ${c.sha256.slice(0, 12)}…`
          : c.stored.bytes !== c.stored.recordedBytes
            ? `it is ${c.stored.bytes} bytes, recorded as ${c.stored.recordedBytes}`
            : null;
      return { name: c.name, version: c.version, strategyId: c.strategyId, newest: newest.get(c.name) === c.version, problem };
    })
    .filter((c): c is typeof c & { problem: string } => c.problem !== null);
  const details = { artifacts: checks.length, damaged: bad };
  if (checks.length === 0) return { found: false, text: 'The desk keeps no model artifacts.', details };
  if (bad.length === 0) return { found: false, text: `All ${checks.length} artifact versions are there and match their checksums.`, details };
  const shown = bad.map((b) => `${b.name} v${b.version}${b.newest ? ' (the newest)' : ''}${b.strategyId ? ` of ${b.strategyId}` : ''}: ${b.problem}`);
  return { found: true, severity: bad.some((b) => b.newest) ? 'critical' : 'warning', text: `${bad.length} artifact version${bad.length === 1 ? ' is' : 's are'} damaged: ${shown.join('; ')}.`, details };
}

export const artifactFailure: Detector<ArtifactCheck[]> = {
  id: 'artifact-failure',
  title: 'Model artifact failure',
  severity: 'critical',
  playbook: 'artifact-failure',
  needs: 'database',
  gather(ctx) {
    const rows = ctx.db!
      .prepare(
        `SELECT a.name, a.version, a.strategy_id, a.created_at, a.sha256, b.size, b.data
         FROM artifacts a LEFT JOIN blobs b ON b.sha256 = a.sha256 ORDER BY a.name, a.version`,
      )
      .iterate() as IterableIterator<{ name: string; version: number; strategy_id: string | null; created_at: string; sha256: string; size: number | null; data: Buffer | null }>;
    const out: ArtifactCheck[] = [];
    for (const r of rows) {
      out.push({
        name: r.name,
        version: r.version,
        strategyId: r.strategy_id,
        createdAt: r.created_at,
        sha256: r.sha256,
        stored: r.data === null ? null : { sha256: createHash('sha256').update(r.data).digest('hex'), bytes: r.data.length, recordedBytes: r.size ?? 0 },
      });
    }
    return out;
  },
  decide: (facts) => decideArtifacts(facts),
};
