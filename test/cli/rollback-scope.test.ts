import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { api, lifeboat, lifeboatJson, serve } from '../support/cli';
import { tempDir } from '../support/temp-state';

function desk(): { dir: string; id: string } {
  const dir = join(tempDir(), 'desk');
  lifeboatJson(['demo', '--state', dir, '--seed', '8']);
  const id = lifeboatJson(['checkpoint', 'create', '--state', dir]).checkpointId;
  lifeboatJson(['simulate', '--ticks', '10', '--state', dir]);
  return { dir, id };
}

function footprint(dir: string) {
  return {
    hash: lifeboat(['state', 'hash', '--state', dir]).stdout,
    checkpoints: lifeboatJson(['checkpoint', 'list', '--state', dir]).checkpoints.length,
    audit: lifeboatJson(['audit', 'verify', '--state', dir]).entries,
  };
}

describe('rollback to an unknown scope', () => {
  it('is refused naming the account or strategy and the known ones, for --dry-run and --yes, with nothing written', () => {
    const { dir, id } = desk();
    const before = footprint(dir);
    for (const [flag, value] of [['--account', 'ACC-NOPE'], ['--strategy', 'stg-nope']]) {
      for (const mode of ['--dry-run', '--yes']) {
        const r = lifeboat(['rollback', id, flag, value, mode, '--state', dir]);
        expect(r.code, `${flag} ${mode}`).toBe(1);
        expect(r.stderr, `${flag} ${mode}`).toMatch(new RegExp(`no ${flag.slice(2)} "${value}" on the desk or in checkpoint ${id}; the (accounts|strategies) are \\S`));
      }
    }
    expect(footprint(dir)).toEqual(before);
  });

  it('a known account still rolls back', () => {
    const { dir, id } = desk();
    const account = lifeboatJson(['state', 'export', '--state', dir]).accounts[0].accountId;
    expect(lifeboat(['rollback', id, '--account', account, '--yes', '--state', dir]).code).toBe(0);
  });

  it('the API refuses it with 400 before any job starts', async () => {
    const { dir, id } = desk();
    const s = await serve(dir);
    try {
      // The job history holds the desk's earlier jobs: the refused rollback must add none.
      const before = (await api(s, 'jobs.list')).body.value;
      const r = await api(s, 'rollback.apply', { checkpointId: id, confirm: id, scope: { strategyId: 'stg-nope' } });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/no strategy "stg-nope"/);
      expect((await api(s, 'jobs.list')).body.value).toEqual(before);
    } finally {
      await s.stop();
    }
  });
});
