// A file larger than this process can parse exactly is refused before a byte of it is read, naming
// the file, its size and the limit — never a V8 out-of-memory abort (#15 point 11). The files are
// sparse: they take no disk.
import { closeSync, openSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processInboxOnce } from '../../electron/engine/state-files/inbox-scan';
import { BROKER_FILE_LIMIT_BYTES, megabytes, STATE_FILE_LIMIT_BYTES } from '../../electron/engine/state-files/limits';
import { lifeboat } from '../support/cli';
import { tempDir, tempStore } from '../support/temp-state';

function sparse(path: string, bytes: number): string {
  closeSync(openSync(path, 'w'));
  truncateSync(path, bytes);
  return path;
}

const esc = (s: string) => s.replace('.', '\\.');
const refusal = new RegExp(`the file is ${esc(megabytes(STATE_FILE_LIMIT_BYTES + 1))}; Lifeboat reads state files of up to ${esc(megabytes(STATE_FILE_LIMIT_BYTES))} \\(what this process's memory can parse exactly\\)`);
const brokerRefusal = new RegExp(`the file is ${esc(megabytes(BROKER_FILE_LIMIT_BYTES + 1))}; Lifeboat reads broker files of up to ${esc(megabytes(BROKER_FILE_LIMIT_BYTES))}`);

describe('a file over the size limit', () => {
  it('is refused by state import and reconcile before it is read', () => {
    const desk = join(tempDir(), 'desk');
    expect(lifeboat(['demo', '--state', desk]).code).toBe(0);
    const big = sparse(join(tempDir(), 'huge.json'), STATE_FILE_LIMIT_BYTES + 1);
    const bigBroker = sparse(join(tempDir(), 'huge-broker.json'), BROKER_FILE_LIMIT_BYTES + 1);
    const imported = lifeboat(['state', 'import', big, '--state', desk]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(refusal);
    expect(imported.stderr).toContain(big);
    const reconciled = lifeboat(['reconcile', '--broker', bigBroker, '--state', desk]);
    expect(reconciled.code).toBe(1);
    expect(reconciled.stderr).toMatch(brokerRefusal);
  });

  it('dropped into the inbox is rejected with the reason, and the console goes on', () => {
    const { store, paths } = tempStore();
    sparse(join(paths.inbox, 'huge.json'), STATE_FILE_LIMIT_BYTES + 1);
    writeFileSync(join(paths.inbox, 'note.txt'), 'ignored');
    const events: { file: string; ok: boolean; reason?: string }[] = [];
    processInboxOnce(store, paths, (e) => events.push(e as never));
    expect(events).toEqual([expect.objectContaining({ file: 'huge.json', ok: false, reason: expect.stringMatching(refusal) })]);
    expect(readdirSync(paths.inbox)).not.toContain('huge.json');
  });
});
