// The console's heavy reads (live/live-reads.ts) on a thread: each thread keeps one read-only
// connection per database (WAL lets it read while the console writes) and a LiveStore on it, and
// keeps its answers until the next write moves the database's data_version: twenty consoles
// asking for the desk's status between two ticks cost one summing of every position, and the
// sorted positions and filtered orders of a scroll are cut from one kept list. Each read runs in
// one read transaction, so it sees one state. Never writes.
import { statSync } from 'node:fs';
import { answerRead, type LiveRead } from '../live/live-reads';
import { LiveStore } from '../live/live-store';
import { writeMarker } from '../live/write-mark';
import { openReader } from '../store/database';

export type ReadInput = LiveRead & {
  /** lifeboat.db (or the private copy a read-only folder is read through). */
  dbPath: string;
};

/** Answers kept per state of the database: a few screens' worth of windows and queries. */
const KEPT_ANSWERS = 64;

interface Reader {
  /** The file's identity: a desk made anew at the same path is another file. */
  file: string;
  store: LiveStore;
  mark: () => string;
  answers: { mark: string; byRequest: Map<string, unknown> };
}

/** This thread's readers, by path. */
const readers = new Map<string, Reader>();

function readerOf(dbPath: string): Reader {
  const { dev, ino } = statSync(dbPath);
  const file = `${dev}:${ino}`;
  const known = readers.get(dbPath);
  if (known?.file === file) return known;
  known?.store.db.close();
  const store = new LiveStore(openReader(dbPath));
  const reader = { file, store, mark: writeMarker(store.db), answers: { mark: '', byRequest: new Map() } };
  readers.set(dbPath, reader);
  return reader;
}

export function readTask(input: ReadInput): unknown {
  const reader = readerOf(input.dbPath);
  return reader.store.db.transaction(() => {
    const mark = reader.mark();
    if (reader.answers.mark !== mark) reader.answers = { mark, byRequest: new Map() };
    const key = JSON.stringify([input.name, input.request]);
    const kept = reader.answers.byRequest;
    if (kept.has(key)) return kept.get(key);
    const answer = answerRead(reader.store, input.name, input.request as never);
    if (kept.size >= KEPT_ANSWERS) kept.delete(kept.keys().next().value!);
    kept.set(key, answer);
    return answer;
  })();
}
