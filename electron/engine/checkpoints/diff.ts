// Diff of two states (checkpoints or the live state). Along a chain of checkpoints the composed
// layers already hold every changed row before and after. Otherwise, from chunk lists: chunks equal
// by hash are skipped, only the chunks one side lacks are decoded, and rows are compared by key.
import type { CheckpointDiff, FieldChange, RollbackScope, RowChange, TableDiff } from '../../../shared/api/checkpoints';
import { Dec, toStored } from '../../../shared/decimal';
import { parseChunk, type ChunkEntry } from './chunker';
import type { ChunkCache } from './chunk-cache';
import type { LayerRecord } from './layers';
import type { TableEntries } from './manifest';
import { recordKey, type Row } from './records';
import { CHECKPOINT_TABLES, compareKeys, type TableSpec } from './tables';

/** One side of a diff: its chunk lists, and chunks not in the store (a live capture's). */
export interface DiffSide {
  ref: string;
  rootHash: string;
  entries: TableEntries;
  extra?: Map<string, Buffer>;
}

export interface DiffOptions {
  scope?: RollbackScope;
  /** Strategies of the scoped account, for tables keyed by strategy only. */
  limit?: number;
}

/** The diff a composed layer describes (from its befores to its afters). */
export function diffFromLayer(
  from: { ref: string; rootHash: string },
  to: { ref: string; rootHash: string },
  layer: Map<string, LayerRecord[]>,
  chunksDecoded: number,
  options: DiffOptions = {},
): CheckpointDiff {
  const parse = (text: string | null) => (text === null ? null : (JSON.parse(text) as Row));
  return assemble(from, to, options, chunksDecoded, (table) =>
    (layer.get(table.name) ?? []).map((r) =>
      change(table, r.key, r.before === null ? 'added' : r.after === null ? 'removed' : 'changed', parse(r.before), parse(r.after)),
    ),
  );
}

export function diffStates(chunks: ChunkCache, from: DiffSide, to: DiffSide, options: DiffOptions = {}): CheckpointDiff {
  let chunksDecoded = 0;
  return assemble(from, to, options, () => chunksDecoded, (table) => {
    const a = from.entries[table.name] ?? [];
    const b = to.entries[table.name] ?? [];
    const inA = new Set(a.map((e) => e.hash));
    const inB = new Set(b.map((e) => e.hash));
    const onlyA = a.filter((e) => !inB.has(e.hash));
    const onlyB = b.filter((e) => !inA.has(e.hash));
    chunksDecoded += onlyA.length + onlyB.length;
    return mergeRecords(table, recordsOf(chunks, table, onlyA, from.extra), recordsOf(chunks, table, onlyB, to.extra));
  });
}

function assemble(
  from: { ref: string; rootHash: string },
  to: { ref: string; rootHash: string },
  options: DiffOptions,
  decoded: number | (() => number),
  changesOf: (table: TableSpec) => RowChange[],
): CheckpointDiff {
  const tables: TableDiff[] = [];
  const rows: RowChange[] = [];
  for (const table of CHECKPOINT_TABLES) {
    const changes = changesOf(table);
    const inScope = changes.filter((c) => matchesScope(c, options.scope));
    inScope.sort((x, y) => compareKeys(x.key, y.key));
    tables.push({
      table: table.name,
      added: inScope.filter((c) => c.kind === 'added').length,
      removed: inScope.filter((c) => c.kind === 'removed').length,
      changed: inScope.filter((c) => c.kind === 'changed').length,
    });
    rows.push(...inScope);
  }
  return {
    from: { ref: from.ref, rootHash: from.rootHash },
    to: { ref: to.ref, rootHash: to.rootHash },
    tables,
    rows: options.limit === undefined ? rows : rows.slice(0, options.limit),
    chunksDecoded: typeof decoded === 'number' ? decoded : decoded(),
  };
}

/** The canonical record texts of the given chunks, in key order (chunks and records are). */
function recordsOf(chunks: ChunkCache, table: TableSpec, entries: ChunkEntry[], extra?: Map<string, Buffer>): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const data = extra?.get(e.hash) ?? chunks.get(e.hash, `${table.name} chunk ${e.hash.slice(0, 12)}`);
    for (const r of parseChunk(data)) out.push(r.text);
  }
  return out;
}

/**
 * Merge-joins two key-ordered record lists. Records are canonical, so equal text means the same
 * unchanged row: only records that differ have their key read and are parsed.
 */
function mergeRecords(table: TableSpec, a: string[], b: string[]): RowChange[] {
  const changes: RowChange[] = [];
  const parse = (text: string) => JSON.parse(text) as Row;
  let i = 0;
  let j = 0;
  let ka: string | null = null;
  let kb: string | null = null;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
      ka = kb = null;
      continue;
    }
    if (ka === null && i < a.length) ka = recordKey(table, a[i]);
    if (kb === null && j < b.length) kb = recordKey(table, b[j]);
    const c = i >= a.length ? 1 : j >= b.length ? -1 : compareKeys(ka!, kb!);
    if (c === 0) {
      changes.push(change(table, ka!, 'changed', parse(a[i++]), parse(b[j++])));
      ka = kb = null;
    } else if (c < 0) {
      changes.push(change(table, ka!, 'removed', parse(a[i++]), null));
      ka = null;
    } else {
      changes.push(change(table, kb!, 'added', null, parse(b[j++])));
      kb = null;
    }
  }
  return changes;
}

function change(table: TableSpec, key: string, kind: RowChange['kind'], before: Row | null, after: Row | null): RowChange {
  const row = (after ?? before)!;
  const fields: FieldChange[] = [];
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const field of [...names].sort()) {
    const b = before?.[field] ?? null;
    const a = after?.[field] ?? null;
    if (b === a) continue;
    fields.push({ field, before: b, after: a, delta: decimalDelta(table, field, b, a) });
  }
  return {
    table: table.name,
    key,
    kind,
    accountId: table.accountColumn ? ((row[table.accountColumn] as string | null) ?? null) : null,
    strategyId: table.strategyColumn ? ((row[table.strategyColumn] as string | null) || null) : null,
    before,
    after,
    fields,
  };
}

function decimalDelta(table: TableSpec, field: string, before: unknown, after: unknown): string | null {
  if (!table.decimalColumns.includes(field)) return null;
  const b = typeof before === 'string' ? new Dec(before) : new Dec(0);
  const a = typeof after === 'string' ? new Dec(after) : new Dec(0);
  return toStored(a.minus(b));
}

/** Whether a row change falls in a rollback scope (an account, or one strategy). */
export function matchesScope(c: Pick<RowChange, 'table' | 'accountId' | 'strategyId'>, scope?: RollbackScope): boolean {
  if (!scope || (!scope.accountId && !scope.strategyId)) return true;
  if (scope.strategyId) return c.strategyId === scope.strategyId && c.table !== 'accounts' && c.table !== 'cash_balances';
  return c.accountId === scope.accountId;
}
