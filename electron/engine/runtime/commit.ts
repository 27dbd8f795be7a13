// The one write path for live tables: one transaction (the domain appends its audit entry inside
// it), then one state.changed event naming the tables and rows written. What was written is read
// from per-connection TEMP triggers, so no caller lists tables by hand and none can forget one.
import type { Database } from 'better-sqlite3';
import { LIVE_TABLES, MAX_KEYS_PER_TABLE, type ChangedTable, type StateChanged } from '../../../shared/api/changes';
import { tableSpec } from '../checkpoints/tables';
import type { EventBus } from './events';

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

function captureSql(): string {
  const note = (table: string, key: string) =>
    `INSERT INTO temp.commit_changes (table_name, row_key) SELECT ${quote(table)}, ${key} WHERE NOT EXISTS (SELECT 1 FROM temp.commit_changes WHERE table_name = ${quote(table)} AND row_key = ${key});`;
  const live = LIVE_TABLES.map((t) => {
    const key = tableSpec(t).keySql;
    return `
CREATE TEMP TRIGGER IF NOT EXISTS commit_${t}_insert AFTER INSERT ON main.${t} BEGIN ${note(t, key('NEW.'))} END;
CREATE TEMP TRIGGER IF NOT EXISTS commit_${t}_update AFTER UPDATE ON main.${t} BEGIN ${note(t, key('OLD.'))} ${note(t, key('NEW.'))} END;
CREATE TEMP TRIGGER IF NOT EXISTS commit_${t}_delete AFTER DELETE ON main.${t} BEGIN ${note(t, key('OLD.'))} END;`;
  }).join('\n');
  return `
CREATE TEMP TABLE IF NOT EXISTS commit_changes (table_name TEXT NOT NULL, row_key TEXT NOT NULL, PRIMARY KEY (table_name, row_key)) WITHOUT ROWID;
${live}
CREATE TEMP TRIGGER IF NOT EXISTS commit_audit_log_insert AFTER INSERT ON main.audit_log BEGIN ${note('audit_log', 'NEW.seq')} END;`;
}

/** The rows one or more commits wrote, merged; a simulation announces many ticks as one change. */
export class ChangeSet {
  private readonly rows = new Map<ChangedTable, Set<string> | null>();
  private auditSeq: number | null = null;

  add(table: ChangedTable, key: string): void {
    if (table === 'audit_log') {
      const seq = Number(key);
      this.auditSeq = this.auditSeq === null ? seq : Math.max(this.auditSeq, seq);
    }
    const keys = this.rows.has(table) ? this.rows.get(table)! : new Set<string>();
    if (keys === null) return;
    keys.add(key);
    this.rows.set(table, keys.size > MAX_KEYS_PER_TABLE ? null : keys);
  }

  merge(other: ChangeSet): void {
    for (const [table, keys] of other.rows) {
      if (keys === null) this.rows.set(table, null);
      else for (const k of keys) this.add(table, k);
    }
    if (other.auditSeq !== null) this.auditSeq = Math.max(this.auditSeq ?? other.auditSeq, other.auditSeq);
  }

  get empty(): boolean {
    return this.rows.size === 0;
  }

  toEvent(reason: string, at = new Date()): StateChanged {
    const tables = [...this.rows.keys()].sort();
    const rows: StateChanged['rows'] = {};
    for (const t of tables) {
      const keys = this.rows.get(t)!;
      rows[t] = keys === null ? null : [...keys].sort();
    }
    return { reason, at: at.toISOString(), tables, rows, auditSeq: this.auditSeq };
  }
}

export interface CommitOptions {
  /** false: do not announce; merge the changes into `changes` for the caller to announce later. */
  announce?: boolean;
  changes?: ChangeSet;
}

export class CommitPath {
  private readonly read;
  private readonly clear;

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
  ) {
    db.exec(captureSql());
    this.read = db.prepare('SELECT table_name, row_key FROM temp.commit_changes');
    this.clear = db.prepare('DELETE FROM temp.commit_changes');
  }

  /**
   * Runs `write` in one transaction and announces what it wrote. With `announce: false` the caller
   * gets the change set back (in `changes`) to merge and announce later, as a simulation does.
   */
  run<T>(reason: string, write: () => T, options: CommitOptions = {}): T {
    if (this.db.inTransaction) throw new Error(`commit "${reason}" inside another transaction: its changes would be announced before they are durable`);
    this.clear.run();
    let result: T;
    try {
      result = this.db.transaction(write).immediate();
    } catch (err) {
      this.clear.run();
      throw err;
    }
    const changes = new ChangeSet();
    for (const r of this.read.iterate() as IterableIterator<{ table_name: ChangedTable; row_key: string | number }>) changes.add(r.table_name, String(r.row_key));
    this.clear.run();
    options.changes?.merge(changes);
    if (options.announce !== false && !changes.empty) this.announce(reason, changes);
    return result;
  }

  announce(reason: string, changes: ChangeSet): void {
    this.events.emit('state.changed', changes.toEvent(reason));
  }
}
