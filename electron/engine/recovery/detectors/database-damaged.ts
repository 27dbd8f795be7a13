// 2. Database damaged: lifeboat.db is missing, is not SQLite (or not Lifeboat's), will not open, or
// fails quick_check. Judged from how opening it went (reader.ts), so a database that cannot be
// opened is a finding, never a crash. A database whole without its WAL but not with it is the WAL's
// fault, and wal-lost-or-foreign says so.
import type { Detector, Verdict } from '../detector';
import type { FolderFacts } from '../folder-facts';
import type { OpenFacts } from '../reader';
import { SQLITE_MAGIC } from '../sqlite-files';

export interface DatabaseFacts {
  open: OpenFacts;
  db: FolderFacts['db'];
  traces: string[];
}

export function decideDatabaseDamaged(f: DatabaseFacts): Verdict {
  const file = f.open.file;
  const details = { file, size: f.db?.size ?? null, modifiedAt: f.db?.modifiedAt ?? null, attempts: f.open.attempts, copyError: f.open.copyError };
  if (!f.open.exists) {
    const traces = f.traces.length ? ` (the folder has held a desk: ${f.traces.join(', ')})` : '';
    return { found: true, text: `${file} is missing${traces}.`, details: { ...details, traces: f.traces } };
  }
  if (f.db?.header && !f.db.header.sqlite) {
    return { found: true, text: `${file} is not a SQLite database, or its header is damaged: it does not start with "${SQLITE_MAGIC.trim()}".`, details };
  }
  if (f.open.attempts.length === 0) {
    return { found: false, checked: false, text: `${file} could not be read: no scratch copy could be made (${f.open.copyError ?? 'unknown reason'}).`, details };
  }
  const used = f.open.used === null ? null : f.open.attempts[f.open.used];
  if (!used) {
    const first = f.open.attempts[0];
    return { found: true, text: `${file} will not open: ${first.error?.message ?? 'unknown error'}.`, details };
  }
  if (used.quickCheck === null || used.quickCheck.length > 0) {
    const said = used.quickCheck?.slice(0, 3).join('; ') ?? 'it did not run';
    const where = used.damagedObjects.length ? ` in ${used.damagedObjects.join(', ')}` : '';
    return { found: true, text: `${file} opens but quick_check found damage${where}: ${said}${(used.quickCheck?.length ?? 0) > 3 ? ' …' : ''}.`, details };
  }
  const walNote = used.what === 'a scratch copy without its -wal' ? ' without its -wal (see the WAL finding)' : '';
  return { found: false, text: `${file} opens and passes quick_check${walNote} (${(f.db?.size ?? 0).toLocaleString('en-US')} bytes).`, details };
}

export const databaseDamaged: Detector<DatabaseFacts> = {
  id: 'database-damaged',
  title: 'Database damaged',
  severity: 'critical',
  playbook: 'damaged-database',
  needs: 'folder',
  gather: (ctx) => ({ open: ctx.open, db: ctx.folder.db, traces: ctx.folder.traces }),
  decide: (facts) => decideDatabaseDamaged(facts),
};
