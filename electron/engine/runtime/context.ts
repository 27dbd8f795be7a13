// What one open state folder offers the domains: its paths, live store, checkpoints, events and
// jobs. Domains and handlers take this, never the Engine facade, so nothing below the facade
// imports it back.
import type { LiveCheck } from '../../../shared/api/checkpoints';
import type { Checkpoints } from '../checkpoints/checkpoints';
import type { JobRunner } from '../jobs/job-runner';
import type { LiveStore } from '../live/live-store';
import type { StateFolder } from '../store/state-folder';
import type { WorkerPool } from '../workers/pool';
import type { CommitOptions } from './commit';
import type { EventBus } from './events';

export interface DeskContext {
  readonly paths: StateFolder;
  readonly store: LiveStore;
  readonly checkpoints: Checkpoints;
  readonly events: EventBus;
  readonly jobs: JobRunner;
  /** Where CPU-heavy work runs off the main thread (inline when the process ships no worker). */
  readonly workers: WorkerPool;
  readonly mode: 'read' | 'write';
  /** Why this desk is shown read-only from a private copy (its folder cannot be written), or null. */
  readonly readOnly: string | null;
  /** The newest check of the live rows against the kept state hash, if one ran in this process. */
  liveCheck: LiveCheck | null;
  /** Checks the live rows against the kept state hash and remembers the answer for desk.status. */
  checkLive(): LiveCheck;
  /**
   * The one write path for live tables: `write` runs in one transaction (it appends its own audit
   * entry), then state.changed names the tables and rows it wrote. Refused on a read-only desk.
   */
  commit<T>(reason: string, write: () => T, options?: CommitOptions): T;
}
