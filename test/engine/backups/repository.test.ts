// The repository's guarantees: nothing of the desk in clear, a wrong passphrase named as such,
// key slots, a tampered or unsupported config refused, and damage anywhere found and attributed.
import { describe, expect, it } from 'vitest';
import { createBackup } from '../../../electron/engine/backups/create-backup';
import { MemoryDestination } from '../../../electron/engine/backups/destinations/memory-destination';
import { slotsToTry, type KeySlot } from '../../../electron/engine/backups/repository/key-slots';
import { BackupRepository } from '../../../electron/engine/backups/repository/repository';
import { verifyRepository } from '../../../electron/engine/backups/verify';
import { openReader } from '../../../electron/engine/store/database';
import { LifeboatError } from '../../../shared/result';
import { demoDesk } from '../../support/demo-desk';

const PASS = 'a long enough passphrase';

async function backedUpDesk(seed = 11) {
  const engine = demoDesk(seed);
  await engine.call('checkpoints.create', { label: 'base' });
  const dest = new MemoryDestination();
  const { repository, recoveryKey } = await BackupRepository.init(dest, PASS);
  const reader = openReader(engine.paths.db);
  const { snapshot } = await createBackup(repository, reader, engine.paths.dir, { type: 'full', reason: null });
  reader.close();
  return { engine, dest, repository, recoveryKey, snapshot };
}

async function refusal(p: Promise<unknown>): Promise<LifeboatError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LifeboatError);
  return err as LifeboatError;
}

describe('backup repository', () => {
  it('holds no symbol, account id or strategy name of the desk in clear, in any file', async () => {
    const { engine, dest } = await backedUpDesk();
    const position = (await engine.call('positions.list', { limit: 1 })).rows[0];
    const needles = [position.symbol, position.accountId, position.strategyId].map((s) => Buffer.from(s));
    expect(needles.every((n) => n.length >= 4)).toBe(true);
    for (const [key, data] of dest.objects) {
      for (const n of needles) expect(data.includes(n), `${n} found in ${key}`).toBe(false);
    }
  });

  it('says wrong passphrase (its own code) and writes nothing; the recovery key and an added passphrase open it', async () => {
    const { dest, repository, recoveryKey } = await backedUpDesk();
    const before = new Map(dest.objects);
    const err = await refusal(BackupRepository.open(dest, 'not the passphrase'));
    expect(err.code).toBe('wrong_passphrase');
    expect(err.message).toMatch(/wrong passphrase/);
    expect(new Map(dest.objects)).toEqual(before);
    await BackupRepository.open(dest, recoveryKey.toLowerCase().replace(/-/g, ' '));
    const slot = await repository.addKey('second passphrase here', 'ops laptop');
    await BackupRepository.open(dest, 'second passphrase here');
    expect((await repository.listKeys()).map((k) => k.kind).sort()).toEqual(['passphrase', 'passphrase', 'recovery']);
    await repository.removeKey(slot.id);
    expect((await refusal(BackupRepository.open(dest, 'second passphrase here'))).code).toBe('wrong_passphrase');
  });

  it('tries the slots of the kind the secret looks like first, and still every slot', () => {
    const slot = (id: string, kind: KeySlot['kind']) => ({ id, kind }) as KeySlot;
    const slots = [slot('r', 'recovery'), slot('p1', 'passphrase'), slot('p2', 'passphrase')];
    expect(slotsToTry(slots, PASS).map((s) => s.id)).toEqual(['p1', 'p2', 'r']);
    expect(slotsToTry(slots, 'abcde-fghjk-mnpqr-stvwx-yz012-34567-89abc-defgh').map((s) => s.id)).toEqual(['r', 'p1', 'p2']);
    // Typed back loosely (lower case, spaces, O for 0) it is still a recovery key.
    expect(slotsToTry(slots, 'abcde fghjk mnpqr stvwx yzo12 34567 89abc defgh')[0].id).toBe('r');
  });

  it('refuses a tampered config, an unsupported one, and a weakened key slot', async () => {
    const { dest } = await backedUpDesk();
    const config = JSON.parse(dest.objects.get('config')!.toString());
    dest.objects.set('config', Buffer.from(JSON.stringify({ ...config, packBytes: config.packBytes * 2 })));
    expect((await refusal(BackupRepository.open(dest, PASS))).message).toMatch(/config was changed/);
    dest.objects.set('config', Buffer.from(JSON.stringify({ ...config, cipher: 'rot13' })));
    expect((await refusal(BackupRepository.open(dest, PASS))).message).toMatch(/cipher "rot13".*not support/);
    dest.objects.set('config', Buffer.from(JSON.stringify({ ...config, version: 9 })));
    expect((await refusal(BackupRepository.open(dest, PASS))).message).toMatch(/version 9 is newer/);
    dest.objects.set('config', Buffer.from(JSON.stringify(config)));
    const [slotKey] = [...dest.objects.keys()].filter((k) => k.startsWith('keys/'));
    const slot = JSON.parse(dest.objects.get(slotKey)!.toString());
    dest.objects.set(slotKey, Buffer.from(JSON.stringify({ ...slot, kdf: { ...slot.kdf, N: 1024 } })));
    expect((await refusal(BackupRepository.open(dest, PASS))).message).toMatch(/N=1024/);
  });

  it('finds a byte flipped in a pack with --read-data and names the snapshot; structure alone passes', async () => {
    const { dest, repository, snapshot } = await backedUpDesk();
    expect((await verifyRepository(repository, { readData: true })).ok).toBe(true);
    const [packKey] = [...dest.objects.keys()].filter((k) => k.startsWith('data/'));
    const pack = dest.objects.get(packKey)!;
    pack[Math.floor(pack.length / 3)] ^= 0x01;
    expect((await verifyRepository(repository)).ok).toBe(true);
    const result = await verifyRepository(repository, { readData: true });
    expect(result.ok).toBe(false);
    expect(result.problems[0].snapshots).toEqual([snapshot.id]);
    expect(result.problems[0].where).toContain(packKey);
  });

  it('finds a tampered index file and a missing pack without reading data', async () => {
    const { dest, repository, snapshot } = await backedUpDesk();
    const [indexKey] = [...dest.objects.keys()].filter((k) => k.startsWith('index/'));
    const original = dest.objects.get(indexKey)!;
    dest.objects.set(indexKey, Buffer.concat([original.subarray(0, original.length - 1), Buffer.of(original[original.length - 1] ^ 0xff)]));
    expect((await verifyRepository(repository)).problems[0].where).toContain('index/');
    dest.objects.set(indexKey, original);
    const [packKey] = [...dest.objects.keys()].filter((k) => k.startsWith('data/'));
    dest.objects.delete(packKey);
    const result = await verifyRepository(repository);
    expect(result.problems.some((p) => p.message === 'pack is missing' && p.snapshots.includes(snapshot.id))).toBe(true);
  });
});
