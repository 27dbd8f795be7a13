// A snapshot's tree: everything a restore needs to rebuild the state folder, as one object.
//  - the database: its schema exactly as sqlite_master has it (tables first, indexes and triggers
//    after the rows are in), its pragmas, and each table's rows as a list of row-chunk objects;
//  - how the live tables come back: as rows of their own, or ('layered') rebuilt from the
//    checkpoint the desk stands on (live_base, its chunks in the backup) plus the change log since
//    — a backup then carries only the rows changed since the last checkpoint;
//  - the folder's other files, each a list of file-chunk objects.
import type { LiveForm } from '../../../../shared/api/backups';

export interface SchemaEntry {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  tableName: string;
  sql: string;
}

export interface TableRows {
  name: string;
  /** Rows carry their rowid first (false for a WITHOUT ROWID table). */
  rowid: boolean;
  columns: string[];
  rows: number;
  chunks: string[];
}

export interface FileEntry {
  /** '/'-separated, relative to the state folder; never absolute, never `..`. */
  path: string;
  size: number;
  mode: number;
  mtimeMs: number;
  chunks: string[];
}

export interface Tree {
  version: 1;
  db: {
    schema: SchemaEntry[];
    applicationId: number;
    userVersion: number;
    tables: TableRows[];
    /** sqlite_sequence, for AUTOINCREMENT tables. */
    sequence: [string, number][];
    live: { form: LiveForm; tables: string[] };
  };
  files: FileEntry[];
}
