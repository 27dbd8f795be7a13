import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processInboxOnce, watchInbox, type InboxEvent } from '../../../electron/engine/services/inbox-watch';
import { tempStore } from '../../support/temp-state';
import { auditCount, dumpDb, fixture, positionsOf, seedDesk } from './helpers';

function desk() {
  const { store, paths } = tempStore();
  seedDesk(store);
  return { store, paths };
}

/** Drops a file the way a careful bot does: write a temp name, then rename. */
function drop(inbox: string, name: string, content: string, mtime?: Date): string {
  const path = join(inbox, name);
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
  if (mtime) utimesSync(path, mtime, mtime);
  return path;
}

describe('processInboxOnce', () => {
  it('imports a good file and moves it to processed/', () => {
    const { store, paths } = desk();
    drop(paths.inbox, 'sc.json', fixture('strategy-checkpoint.json'));
    const events = processInboxOnce(store, paths, undefined, { now: () => new Date('2024-03-20T10:00:00.123Z') });
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e.ok).toBe(true);
    if (!e.ok) return;
    expect(e.result).toMatchObject({ format: 'strategy-checkpoint', strategyId: 'mr', positions: 2, orders: 2 });
    expect(e.movedTo).toBe(join(paths.processed, '20240320T100000123Z-sc.json'));
    expect(readdirSync(paths.processed)).toEqual(['20240320T100000123Z-sc.json']);
    expect(existsSync(join(paths.inbox, 'sc.json'))).toBe(false);
    expect(positionsOf(store, 'mr').map((p) => p.symbol)).toEqual(['AAPL', 'MSFT']);
  });

  it('moves a malformed file to rejected/ with a reason, and leaves the state untouched', () => {
    const { store, paths } = desk();
    const before = dumpDb(store.db);
    drop(paths.inbox, 'comma.json', fixture('bad/quantity-comma.json'));
    drop(paths.inbox, 'cut.json', fixture('bad/truncated.json'));
    const notified: InboxEvent[] = [];
    const events = processInboxOnce(store, paths, (e) => notified.push(e));
    expect(notified).toEqual(events);
    expect(events.map((e) => [e.file, e.ok])).toEqual(expect.arrayContaining([['comma.json', false], ['cut.json', false]]));
    expect(dumpDb(store.db)).toBe(before);
    expect(auditCount(store.db)).toBe(0);

    expect(readdirSync(paths.rejected).sort()).toEqual(['comma.json', 'comma.json.reason.txt', 'cut.json', 'cut.json.reason.txt']);
    const reason = readFileSync(join(paths.rejected, 'comma.json.reason.txt'), 'utf8');
    expect(reason).toContain('comma.json:13:37: positions[1].quantity: "12,5" contains a comma');
    expect(reason).toContain('the live state was not changed');
    expect(readFileSync(join(paths.rejected, 'cut.json.reason.txt'), 'utf8')).toMatch(/cut\.json:17:\d+: not valid JSON/);
    const comma = events.find((e) => e.file === 'comma.json')!;
    expect(!comma.ok && comma.reason).toContain('positions[1].quantity');
    // The refused file is moved unchanged.
    expect(readFileSync(join(paths.rejected, 'comma.json'), 'utf8')).toBe(fixture('bad/quantity-comma.json'));
  });

  it('never clobbers an earlier rejected file of the same name', () => {
    const { store, paths } = desk();
    drop(paths.inbox, 'x.json', 'not json');
    processInboxOnce(store, paths);
    drop(paths.inbox, 'x.json', '[]');
    const [e] = processInboxOnce(store, paths);
    expect(!e.ok && e.movedTo).toBe(join(paths.rejected, 'x-2.json'));
    expect(readdirSync(paths.rejected).sort()).toEqual(['x-2.json', 'x-2.json.reason.txt', 'x.json', 'x.json.reason.txt']);
    expect(readFileSync(join(paths.rejected, 'x-2.json.reason.txt'), 'utf8')).toContain('the top level is an array');
  });

  it('takes files oldest first and ignores dotfiles, temp files and folders', () => {
    const { store, paths } = desk();
    const exec = fixture('execution-checkpoint.json');
    drop(paths.inbox, 'b-newer.json', exec, new Date('2024-03-15T12:00:00Z'));
    drop(paths.inbox, 'a-older.json', exec, new Date('2024-03-15T11:00:00Z'));
    writeFileSync(join(paths.inbox, '.hidden.json'), exec);
    writeFileSync(join(paths.inbox, 'half.json.part'), '{');
    writeFileSync(join(paths.inbox, 'half.json.tmp'), '{');
    mkdirSync(join(paths.inbox, 'folder.json'));
    const events = processInboxOnce(store, paths);
    expect(events.map((e) => [e.file, e.ok])).toEqual([
      ['a-older.json', true],
      ['b-newer.json', true],
    ]);
    expect(readdirSync(paths.inbox).sort()).toEqual(['.hidden.json', 'folder.json', 'half.json.part', 'half.json.tmp', 'processed', 'rejected']);
  });

  it('keeps a file in the inbox when the failure is not the file’s fault', () => {
    const { store, paths } = desk();
    drop(paths.inbox, 'sc.json', fixture('strategy-checkpoint.json'));
    store.db.close();
    const [e] = processInboxOnce(store, paths);
    expect(e).toMatchObject({ file: 'sc.json', ok: false, movedTo: null, kept: true });
    expect(existsSync(join(paths.inbox, 'sc.json'))).toBe(true);
    expect(readdirSync(paths.rejected)).toEqual([]);
  });
});

describe('watchInbox', () => {
  it('picks up files dropped while it runs', async () => {
    const { store, paths } = desk();
    const waiting = new Map<string, (e: InboxEvent) => void>();
    const next = (file: string) => new Promise<InboxEvent>((resolve) => waiting.set(file, resolve));
    const errors: unknown[] = [];
    const watcher = watchInbox(store, paths, (e) => waiting.get(e.file)?.(e), { intervalMs: 500, onError: (err) => errors.push(err) });
    try {
      const good = next('ec.json');
      drop(paths.inbox, 'ec.json', fixture('execution-checkpoint.json'));
      const e = await good;
      expect(e.ok && e.result).toMatchObject({ format: 'execution-checkpoint', strategyId: 'grid-btc', positions: 2 });
      expect(readdirSync(paths.processed)).toHaveLength(1);
      expect(store.position('grid-btc', 'BTC/USDT')?.quantity).toBe('0.123456789012345678');

      const before = dumpDb(store.db);
      const bad = next('nan.json');
      drop(paths.inbox, 'nan.json', fixture('bad/price-nan.json'));
      const rejected = await bad;
      expect(!rejected.ok && rejected.reason).toContain('positions[0].avg_price: "NaN" is not a number');
      expect(existsSync(join(paths.rejected, 'nan.json.reason.txt'))).toBe(true);
      expect(dumpDb(store.db)).toBe(before);
      expect(errors).toEqual([]);
    } finally {
      watcher.stop();
    }
  });

  it('imports files already waiting when it starts', async () => {
    const { store, paths } = desk();
    drop(paths.inbox, 'sc.json', fixture('strategy-checkpoint.json'));
    let watcher: { stop(): void } | undefined;
    const event = await new Promise<InboxEvent>((resolve) => {
      watcher = watchInbox(store, paths, resolve, { intervalMs: 60_000 });
    });
    watcher?.stop();
    expect(event).toMatchObject({ file: 'sc.json', ok: true });
  });
});
