// Tier statistics over time while a console runs: a sample of every tier when it starts, every
// minute after, and when a tier move (demote, promote) finishes, so the page's charts show a move
// at once. A sample in a minute that has one replaces it (one row per tier per minute).
import type { JobInfo } from '../../../shared/api/contract';
import type { DeskContext } from '../runtime/context';
import { recordSamples } from '../tiers/history';
import { tieredRepository } from '../tiers/jobs';
import { SAMPLE_EVERY_SECONDS } from '../tiers/sample';
import { tiersStatus } from '../tiers/status';

export interface TierSampler {
  /** Takes a sample now (what the timer does). */
  sample(): void;
  stop(): void;
}

const MOVES = new Set<JobInfo['kind']>(['tiers-demote', 'tiers-promote']);

export function sampleTiers(desk: DeskContext, now = new Date()): void {
  recordSamples(desk.store.db, tiersStatus(desk.checkpoints.chunks, tieredRepository(desk), now), now);
}

export function startTierSampler(desk: DeskContext, onError: (err: unknown) => void): TierSampler {
  const sample = () => {
    try {
      sampleTiers(desk);
    } catch (err) {
      onError(err);
    }
  };
  sample();
  const timer = setInterval(sample, SAMPLE_EVERY_SECONDS * 1000);
  const off = desk.events.subscribe((e) => {
    if (e.name !== 'job.updated') return;
    const job = e.payload as JobInfo;
    if (MOVES.has(job.kind) && job.state !== 'running') sample();
  });
  return {
    sample,
    stop() {
      off();
      clearInterval(timer);
    },
  };
}
