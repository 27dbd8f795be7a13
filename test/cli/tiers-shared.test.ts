// `lifeboat tiers publish` and the shared tiers in `tiers status`, as real processes against the
// run's Redis and PostgreSQL: publishing every checkpoint, the live status, masked locations, and
// clear errors with a non-zero exit when nothing is configured or the host cannot be reached.
import { describe, expect, it } from 'vitest';
import { lifeboat } from '../support/cli';
import { adminQuery, firmEnv, makeFirm } from '../support/shared-tiers';
import { deskWithHistory } from '../support/tiered-desk';

describe('lifeboat tiers publish / status with shared tiers', () => {
  it('publishes every checkpoint and the live status; status shows both shared tiers up, their URLs masked', async () => {
    const firm = await makeFirm('cli');
    const { state, ids } = await deskWithHistory(31, 3);
    const env = firmEnv(firm);
    const published = lifeboat(['tiers', 'publish', '--state', state, '--json'], { env });
    expect(published.code, published.stderr).toBe(0);
    const r = JSON.parse(published.stdout);
    expect(r.checkpoints.length).toBe(ids.length);
    expect(r.liveStatus).toBe('published');
    const rows = await adminQuery(`SELECT count(*) AS n FROM lifeboat_${firm.firm}.checkpoints WHERE desk_id = '${r.deskId}'`);
    expect(Number(rows[0].n)).toBe(ids.length);
    // Again: nothing more to publish.
    expect(JSON.parse(lifeboat(['tiers', 'publish', '--state', state, '--json'], { env }).stdout).checkpoints).toEqual([]);

    const status = lifeboat(['tiers', 'status', '--state', state, '--json'], { env });
    expect(status.code, status.stderr).toBe(0);
    const shared = JSON.parse(status.stdout).shared;
    expect(shared).toMatchObject({ firm: firm.firm, deskId: r.deskId });
    expect(shared.tiers.map((t: { tier: string; health: string }) => [t.tier, t.health])).toEqual([
      ['postgres', 'up'],
      ['redis', 'up'],
    ]);
    expect(shared.tiers[0].checkpoints).toBe(ids.length);
    expect(shared.tiers[1].desks).toBe(1);
    const text = lifeboat(['tiers', 'status', '--state', state], { env });
    expect(text.stdout).toContain('Shared tiers (firm');
    // The fleet: this desk, from the catalog and from its live status.
    const fleet = lifeboat(['fleet', 'list', '--state', state, '--json'], { env });
    expect(fleet.code, fleet.stderr).toBe(0);
    const desks = JSON.parse(fleet.stdout).desks;
    expect(desks).toHaveLength(1);
    expect(desks[0]).toMatchObject({ deskId: r.deskId, catalog: { checkpoints: ids.length }, live: { newestCheckpoint: { checkpointId: ids[ids.length - 1] } } });
    for (const out of [published.stdout, published.stderr, status.stdout, text.stdout, fleet.stdout]) expect(out).not.toContain(firm.password);
  });

  it('fails with a clear error and a non-zero exit: nothing configured, an unreachable host, a wrong password', async () => {
    const firm = await makeFirm('clibad');
    const { state } = await deskWithHistory(32, 1);
    const none = lifeboat(['tiers', 'publish', '--state', state], { env: { LIFEBOAT_POSTGRES_URL: '', LIFEBOAT_REDIS_URL: '' } });
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('no shared warm tier is configured: set tiers.postgres.url');

    const closed = lifeboat(['tiers', 'publish', '--state', state], { env: firmEnv(firm, { LIFEBOAT_POSTGRES_URL: 'postgres://u:secret-pw@127.0.0.1:1/db' }) });
    expect(closed.code).not.toBe(0);
    expect(closed.stderr).toMatch(/the shared warm tier \(PostgreSQL at 127\.0\.0\.1:1\) cannot be reached/);
    expect(closed.stderr).not.toContain('secret-pw');

    const wrong = lifeboat(['tiers', 'publish', '--state', state], { env: firmEnv(firm, { LIFEBOAT_POSTGRES_URL: firm.postgresUrl.replace(firm.password, 'wrong-pw') }) });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/PostgreSQL at 127\.0\.0\.1:\d+\) refused the user name or password/);

    const bad = lifeboat(['tiers', 'status', '--state', state], { env: { LIFEBOAT_REDIS_URL: 'http://nope' } });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('LIFEBOAT_REDIS_URL: expected a redis://');
  });
});
