// Checkpoint settings, read from the desk's settings with sensible defaults.
import type { Engine } from './engine';
import { DEFAULT_INTERVAL_SECONDS, DEFAULT_STALE_AFTER_SECONDS } from './checkpoints/policy';

function positiveInt(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

export function staleAfterSeconds(engine: Engine): number {
  return positiveInt(engine.store.settings()['checkpoint.staleAfterSeconds'], DEFAULT_STALE_AFTER_SECONDS);
}

export function autoIntervalSeconds(engine: Engine): number {
  return positiveInt(engine.store.settings()['checkpoint.autoIntervalSeconds'], DEFAULT_INTERVAL_SECONDS);
}
