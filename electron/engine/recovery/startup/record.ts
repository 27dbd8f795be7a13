// Where the start-up coordinator keeps what it found and did, beside recovery-history.jsonl and
// for the same reason (it must be written when the database is what failed, and survive it):
//   recovery-startup.json    the newest start-up, replaced at every open for writing (the
//                            recovery.startup channel and `lifeboat status` read it);
//   recovery-startups.jsonl  every start-up that was not happy, newest last, the last 200 kept.
// Not lines of recovery-history.jsonl: that file is the finished recoveries and escalations, read
// whole by the Recovery page and rewritten whole at each append; a desk opened many times a day
// would fill it with start-ups. Both files are written atomically (temp, fsync, rename, fsync dir).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StartupRecord } from '../../../../shared/api/recovery';
import { LifeboatError } from '../../../../shared/result';
import { writeFileAtomic } from '../../store/atomic-file';

export const STARTUP_FILE = 'recovery-startup.json';
export const STARTUPS_FILE = 'recovery-startups.jsonl';
const KEEP = 200;

/**
 * Writes the record; `took` is read first, so the figure kept is the checks and the decision (the
 * record's own write is an fsync or two, the same at any desk size).
 */
export function recordStartup(stateDir: string, record: StartupRecord, took: () => number): void {
  record.tookMs = took();
  writeFileAtomic(join(stateDir, STARTUP_FILE), `${JSON.stringify(record, null, 2)}\n`);
  if (record.state === 'happy') return;
  const kept = readLines(stateDir).slice(-(KEEP - 1));
  writeFileAtomic(join(stateDir, STARTUPS_FILE), [...kept, JSON.stringify(record)].join('\n') + '\n');
}

function readLines(stateDir: string): string[] {
  const path = join(stateDir, STARTUPS_FILE);
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()) : [];
}

/** The newest start-up, or null when the desk was never opened for writing since the coordinator existed. */
export function readStartup(stateDir: string): StartupRecord | null {
  const path = join(stateDir, STARTUP_FILE);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as StartupRecord;
  } catch {
    throw new LifeboatError('verification_failed', 'the start-up record is not JSON (cut short or edited?)', path);
  }
}

/** The start-ups that were not happy, oldest first; a line that is not JSON is named, not skipped. */
export function readStartups(stateDir: string): StartupRecord[] {
  return readLines(stateDir).map((line, i) => {
    try {
      return JSON.parse(line) as StartupRecord;
    } catch {
      throw new LifeboatError('verification_failed', `line ${i + 1} is not a start-up record (cut short or edited?)`, `${join(stateDir, STARTUPS_FILE)}:${i + 1}`);
    }
  });
}
