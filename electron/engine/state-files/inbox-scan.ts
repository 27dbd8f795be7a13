// The inbox: bots drop state files into <state>/inbox/; each is imported atomically, then moved to
// inbox/processed/<UTC stamp>-<name> or, when refused, to inbox/rejected/<name> with a
// <name>.reason.txt beside it. A refused file leaves the live state untouched.
// Bots should write `name.json.tmp` (or `.part`) and rename it to `name.json` when complete:
// temp names, dotfiles and folders are never picked up.
import { STATE_FILE_LIMIT_BYTES, tooLarge } from './limits';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ImportResult } from '../../../shared/api/contract';
import { LifeboatError } from '../../../shared/result';
import type { LiveStore } from '../live/live-store';
import { moveFileDurably, writeFileAtomic } from '../store/atomic-file';
import type { StateFolder } from '../store/state-folder';
import type { FieldProblem } from './json-fields';
import { importStateFile } from './import-state';

export type InboxEvent =
  | { file: string; ok: true; result: ImportResult; movedTo: string | null }
  | {
      file: string;
      ok: false;
      reason: string;
      /** Where the refused file went; null when it was kept in the inbox to retry (see `kept`). */
      movedTo: string | null;
      /** True when the failure was not the file's fault (database busy, disk error): it stays to retry. */
      kept?: boolean;
    };

export interface InboxOptions {
  /** Files larger than this are refused without reading them. */
  maxBytes?: number;
  /** The clock, for the processed/ stamp and the audit entry. */
  now?: () => Date;
  /** The write path an import goes through (the console's commit path); by default, none. */
  commit?: <T>(reason: string, write: () => T) => T;
}

const DEFAULT_MAX_BYTES = STATE_FILE_LIMIT_BYTES;

/** The files an inbox scan would pick up, oldest first. */
export function inboxCandidates(inbox: string): { name: string; path: string; size: number }[] {
  let entries;
  try {
    entries = readdirSync(inbox, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const found: { name: string; path: string; size: number; mtime: number }[] = [];
  for (const e of entries) {
    if (!e.isFile() || e.name.startsWith('.') || !/\.json$/i.test(e.name)) continue;
    const path = join(inbox, e.name);
    try {
      const st = statSync(path);
      found.push({ name: e.name, path, size: st.size, mtime: st.mtimeMs });
    } catch {
      // Gone between listing and looking: someone else took it.
    }
  }
  found.sort((a, b) => a.mtime - b.mtime || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return found.map(({ name, path, size }) => ({ name, path, size }));
}

/** Imports every file waiting in the inbox once, oldest first; returns what happened to each. */
export function processInboxOnce(
  store: LiveStore,
  paths: StateFolder,
  notify?: (e: InboxEvent) => void,
  opts: InboxOptions = {},
): InboxEvent[] {
  const now = opts.now ?? (() => new Date());
  const events: InboxEvent[] = [];
  for (const c of inboxCandidates(paths.inbox)) {
    const event = processOne(store, paths, c, now(), opts.maxBytes ?? DEFAULT_MAX_BYTES, opts.commit ?? ((_reason, write) => write()));
    if (!event) continue;
    events.push(event);
    notify?.(event);
  }
  return events;
}

function processOne(
  store: LiveStore,
  paths: StateFolder,
  c: { name: string; path: string; size: number },
  at: Date,
  maxBytes: number,
  commit: NonNullable<InboxOptions['commit']>,
): InboxEvent | null {
  let result: ImportResult;
  try {
    if (c.size > maxBytes) throw tooLarge(c.name, c.size, 'state', maxBytes);
    const content = readText(c.path, c.name);
    if (content === null) return null;
    result = commit('inbox', () => importStateFile(store, { fileName: c.name, content }, at.toISOString()));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (!(err instanceof LifeboatError) || err.code !== 'bad_request') {
      return { file: c.name, ok: false, reason, movedTo: null, kept: true };
    }
    try {
      return { file: c.name, ok: false, reason, movedTo: reject(paths, c, err, at) };
    } catch (moveErr) {
      return { file: c.name, ok: false, reason: `${reason} (and it could not be moved to rejected/: ${(moveErr as Error).message})`, movedTo: null, kept: true };
    }
  }
  try {
    mkdirSync(paths.processed, { recursive: true });
    const movedTo = freeName(paths.processed, `${stamp(at)}-${c.name}`);
    moveFileDurably(c.path, movedTo);
    return { file: c.name, ok: true, result, movedTo };
  } catch {
    // Imported and committed; it stays in the inbox, and importing it again changes nothing.
    return { file: c.name, ok: true, result, movedTo: null };
  }
}

/** The file as UTF-8 text; null if it vanished; bad_request if it is not UTF-8. */
function readText(path: string, name: string): string | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LifeboatError('bad_request', 'not valid JSON: the file is not UTF-8 text', name);
  }
}

/** Moves a refused file to rejected/ and writes its .reason.txt; returns where it went. */
function reject(paths: StateFolder, c: { name: string; path: string }, err: LifeboatError, at: Date): string {
  mkdirSync(paths.rejected, { recursive: true });
  const target = freeName(paths.rejected, c.name, '.reason.txt');
  moveFileDurably(c.path, target);
  writeFileAtomic(`${target}.reason.txt`, reasonText(c.name, err, at));
  return target;
}

function reasonText(name: string, err: LifeboatError, at: Date): string {
  const lines = [`${name} was refused on ${at.toISOString()}; the live state was not changed.`, '', err.message];
  const details = err.details as { problems?: FieldProblem[]; count?: number } | undefined;
  if (details?.problems && details.problems.length > 1) {
    lines.push('', `All problems (${details.count ?? details.problems.length}):`);
    for (const p of details.problems) lines.push(`  ${p.where}: ${p.path}: ${p.message}`);
    if ((details.count ?? 0) > details.problems.length) lines.push(`  … and ${details.count! - details.problems.length} more`);
  }
  return lines.join('\n') + '\n';
}

/** `dir/name`, or `dir/stem-2.ext`, `-3`, … so nothing (nor its `companion` file) is clobbered. */
function freeName(dir: string, name: string, companion = ''): string {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  const taken = (p: string) => existsSync(p) || (companion !== '' && existsSync(p + companion));
  let candidate = join(dir, name);
  for (let n = 2; taken(candidate); n++) candidate = join(dir, `${stem}-${n}${ext}`);
  return candidate;
}

/** 20240115T143000123Z: sortable, and legal in file names on every platform. */
function stamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '');
}
