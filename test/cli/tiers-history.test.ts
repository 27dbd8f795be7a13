// `lifeboat tiers history` as a real process: the tier samples a console took (it takes one when it
// starts, every minute, and after each move), as JSON and as a table, over the span asked (--since 90m / 6h / 2d); a span it cannot answer is a usage error
// naming the flag, with exit 2.
import { describe, expect, it } from 'vitest';
import { lifeboat, lifeboatJson, serve } from '../support/cli';
import { DEMOTE_ALL, deskWithHistory } from '../support/tiered-desk';

describe('lifeboat tiers history', () => {
  it('lists the samples a console took per tier and minute, with the moves, over the span asked', async () => {
    const { state } = await deskWithHistory(51, 3);
    const S = ['--state', state];
    expect(lifeboatJson(['tiers', 'history', ...S]).samples).toEqual([]);
    const empty = lifeboat(['tiers', 'history', ...S]);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/No tier samples in the last 24h/);

    const demoted = lifeboatJson(['tiers', 'demote', '--yes', ...S, ...DEMOTE_ALL]);
    // A console samples the tiers as it starts.
    const console = await serve(state);
    expect(await console.stop()).toBe(0);
    const h = lifeboatJson(['tiers', 'history', '--since', '90m', ...S]);
    expect(h).toMatchObject({ everySeconds: 60, keptDays: 7 });
    expect(h.samples.map((s: any) => s.tier)).toEqual(['hot', 'warm', 'cold']);
    const cold = h.samples.find((s: any) => s.tier === 'cold');
    expect(cold).toMatchObject({ objects: demoted.chunks, demotions: demoted.chunks, health: 'up' });
    expect(cold.sampledAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
    expect(lifeboatJson(['tiers', 'history', '--since', '2d', ...S]).samples).toEqual(h.samples);
    expect(lifeboatJson(['tiers', 'history', '--since', '30', ...S]).samples).toEqual(h.samples);

    const text = lifeboat(['tiers', 'history', ...S]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/minute \(UTC\)\s+tier\s+health/);
    expect(text.stdout).toMatch(/cold\s+up\s+/);
    expect(text.stdout).toContain(`0 / ${demoted.chunks}`);
    expect(text.stdout).toMatch(/3 samples over the last 24h/);
  });

  it('refuses a span it cannot answer, naming --since, and a stray argument', async () => {
    const { state } = await deskWithHistory(52, 2);
    for (const [since, why] of [
      ['8d', /--since must be from 1m to 7d/],
      ['0m', /--since must be from 1m to 7d/],
      ['soon', /--since takes a span like 90m, 6h or 2d, got "soon"/],
      ['1.5h', /--since takes a span like/],
    ] as const) {
      const r = lifeboat(['tiers', 'history', '--since', since, '--state', state]);
      expect(r.code, since).toBe(2);
      expect(r.stderr).toMatch(why);
      expect(r.stdout).toBe('');
    }
    const stray = lifeboat(['tiers', 'history', 'cold', '--state', state]);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('lifeboat tiers history');
  });
});
