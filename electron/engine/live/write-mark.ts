// What a cached list of rows is valid for: it moves whenever anything is written, by this
// connection (total_changes) or by another (data_version: a worker's reader sees the console's
// commits move it).
import type { Database, Statement } from 'better-sqlite3';

export function writeMarker(db: Database): () => string {
  let changes: Statement | null = null;
  return () => {
    changes ??= db.prepare('SELECT total_changes() AS n');
    const version = db.pragma('data_version', { simple: true }) as number;
    return `${version}:${(changes.get() as { n: number }).n}`;
  };
}
