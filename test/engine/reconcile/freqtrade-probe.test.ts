// Naming a path as a Freqtrade database tells nothing about which files exist: a missing file, a
// folder, a text file and another program's SQLite database get one and the same answer, and only
// a SQLite file of Freqtrade's shape is opened (#15 point 19).
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { tempDir } from '../../support/temp-state';

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

async function againstFreqtrade(e: Engine, path: string) {
  const account = e.store.accounts()[0].accountId;
  const content = JSON.stringify({ format: 'lifeboat-broker-snapshot', version: 1, asOf: null, accounts: [{ accountId: account, positions: [], orders: null, cash: null }] });
  const job = await e.call('reconcile.run', { fileName: 'broker.json', content, against: `freqtrade:${path}`, accountId: account });
  return e.jobs.wait(job.jobId);
}

describe('a path given as a Freqtrade database', () => {
  it('gets the same answer whether it is missing, a folder, a text file or another SQLite database', async () => {
    engine = Engine.open({ stateDir: join(tempDir(), 'desk'), mode: 'write', purpose: 'test', create: true });
    generateDesk(engine.store, { size: 'small', seed: 5, asOf: '2026-11-20T21:00:00.000Z' });
    const dir = tempDir();
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all\n');
    const other = join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE users (name TEXT)');
    db.close();

    const answers = [];
    for (const path of [join(dir, 'missing.sqlite'), folder, text, other]) {
      const job = await againstFreqtrade(engine, path);
      expect(job.state).toBe('failed');
      expect(job.errorWhere).toBe(path);
      answers.push({ code: job.errorCode, error: job.error });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({ code: 'bad_request', error: 'not a Freqtrade database (a readable SQLite file with tables trades and orders)' });
  });
});
