// The engine: one state folder, its database, the lease when writing, events and jobs.
// Plain Node: it runs inside Electron's main process, behind the loopback server, behind the CLI
// and in tests alike, and never imports `electron`.
import type { ChannelName, ParsedRequestOf, ResponseOf } from '../../shared/api/contract';
import { WRITE_CHANNELS } from '../../shared/api/contract';
import { LifeboatError } from '../../shared/result';
import type { LiveCheck } from '../../shared/api/checkpoints';
import { EventBus } from './runtime/events';
import type { DeskContext } from './runtime/context';
import { CommitPath, type CommitOptions } from './runtime/commit';
import { JobHistory } from './jobs/job-history';
import { JobRunner } from './jobs/job-runner';
import { LiveStore } from './live/live-store';
import { Checkpoints } from './checkpoints/checkpoints';
import { TieredChunkRepository } from './tiers/tiered-repository';
import { knowBundle } from './tiers/s3-bridge';
import { hotMaxBytes } from './tiers/settings';
import { COLD_DIR } from './tiers/cold-folder';
import { openDatabase } from './store/database';
import { acquireLease, type Lease } from './store/lease';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureStateFolder, requireStateFolder, stateFolderPaths, type StateFolder } from './store/state-folder';
import { handlers } from './api/handlers';
import type { Handler } from './api/handler';
import { parseRequest } from './api/validate';
import { explainError } from './store/io-errors';
import { folderIsReadOnly, privateCopy, readOnlyReason, type PrivateCopy } from './store/read-only-copy';
import { WorkerPool } from './workers/pool';
import { StartupCheck } from './recovery/startup/coordinator';
import type { StartupRecord } from '../../shared/api/recovery';

export interface EngineOptions {
  stateDir: string;
  /** 'write' takes the single-writer lease; 'read' opens the database read-only. */
  mode: 'read' | 'write';
  /** What this process is doing, recorded in the lease (e.g. "serve", "cli simulate"). */
  purpose: string;
  /** Create the state folder and database when missing (write mode only). */
  create?: boolean;
  /**
   * The process's worker pool (the entry point makes it, knowing where the bundled worker is,
   * and closes it). Without one, tasks run inline.
   */
  workers?: WorkerPool;
  /** `false` skips the quick_check at open (store/database.ts); default: run it. */
  quickCheck?: false;
}

/** For an engine opened without a pool: every task inline, no thread ever started. */
const INLINE = new WorkerPool();

export class Engine implements DeskContext {
  readonly events = new EventBus();
  readonly jobs: JobRunner;
  readonly checkpoints: Checkpoints;
  /** Set when the folder is read-only and a private copy of it is what this engine reads. */
  get readOnly(): string | null {
    return this.copy?.reason ?? null;
  }

  /** What the start-up coordinator found and did when this engine opened the folder for writing (null: read mode). */
  startup: StartupRecord | null = null;

  /** The newest check of the live rows against the kept state hash, if one ran in this process. */
  liveCheck: LiveCheck | null = null;
  private closed = false;
  private readonly commits: CommitPath | null;
  private readonly tiers: TieredChunkRepository;

  private constructor(
    readonly paths: StateFolder,
    readonly store: LiveStore,
    readonly lease: Lease | null,
    readonly mode: 'read' | 'write',
    readonly workers: WorkerPool,
    private readonly copy: PrivateCopy | null = null,
  ) {
    // The jobs a dead writer left running are marked interrupted by the start-up coordinator (write mode).
    const history = new JobHistory(store.db);
    this.jobs = new JobRunner(this.events, (err) => explainError(err, paths.db), history);
    // Checkpoint objects live in tiers (tiers/): warm in lifeboat.db, cold in <state>/cold/ or the
    // desk's S3 bucket (whose calls run on a thread of the bundled worker), with the hot cache in
    // front bounded by the desk's tiers.hotMaxBytes. Only a writer promotes.
    knowBundle(workers.bundle);
    const repository = new TieredChunkRepository(store.db, join(paths.dir, COLD_DIR), { promote: mode === 'write', workerScript: workers.bundle });
    this.tiers = repository;
    this.checkpoints = new Checkpoints(store.db, repository, hotMaxBytes(store));
    this.commits = mode === 'write' ? new CommitPath(store.db, this.events) : null;
  }

  static open(options: EngineOptions): Engine {
    if (options.mode === 'read') {
      const paths = requireStateFolder(options.stateDir);
      const readOnlyFolder = folderIsReadOnly(paths.dir);
      try {
        const direct = readOnlyFolder ? { db: paths.db, reason: readOnlyReason('shown as it is'), dispose: () => undefined } : null;
        return new Engine(paths, new LiveStore(openDatabase(paths.db, { readonly: true, quickCheck: options.quickCheck })), null, 'read', options.workers ?? INLINE, direct);
      } catch (err) {
        // SQLite reads a WAL database only with its -shm beside it, which a read-only folder may lack.
        if (!readOnlyFolder) throw err;
      }
      const copy = privateCopy(paths);
      try {
        return new Engine(paths, new LiveStore(openDatabase(copy.db, { readonly: true, quickCheck: options.quickCheck })), null, 'read', options.workers ?? INLINE, copy);
      } catch (err) {
        copy.dispose();
        // Whatever is wrong with the copy is wrong with the folder's database: name that.
        throw err instanceof LifeboatError ? new LifeboatError(err.code, err.reason, paths.db, err.details) : err;
      }
    }
    // A new desk gets its folder layout first; an existing one only once its database is known to
    // be Lifeboat's, so another program's folder stays as it was.
    const fresh = options.create === true && !existsSync(stateFolderPaths(options.stateDir).db);
    const paths = fresh ? ensureStateFolder(options.stateDir, { newDesk: true }) : requireStateFolder(options.stateDir);
    // The start-up coordinator looks before the lease is taken: a dead holder's lease is its evidence.
    const startup = new StartupCheck(paths, options.purpose, fresh);
    const lease = acquireLease(paths.dir, options.purpose);
    try {
      startup.beforeOpen();
      let db;
      try {
        db = openDatabase(paths.db, { quickCheck: options.quickCheck });
      } catch (err) {
        startup.openFailed(err);
        throw err;
      }
      try {
        if (!fresh) ensureStateFolder(paths.dir);
        const engine = new Engine(paths, new LiveStore(db), lease, 'write', options.workers ?? INLINE);
        engine.startup = startup.opened(db);
        return engine;
      } catch (err) {
        db.close();
        throw err;
      }
    } catch (err) {
      lease.release();
      throw err;
    }
  }

  /** Validates the payload and runs the channel's handler. */
  async call<C extends ChannelName>(channel: C, payload: unknown): Promise<ResponseOf<C>> {
    if (this.closed) throw new LifeboatError('conflict', 'the engine is closed');
    const request = parseRequest(channel, payload);
    if (WRITE_CHANNELS.has(channel) && this.mode !== 'write') {
      throw new LifeboatError('locked', `${channel} changes the state and this engine opened it read-only`);
    }
    const handler = handlers[channel] as Handler<C>;
    try {
      return await handler(this, request);
    } catch (err) {
      throw explainError(err, this.paths.db);
    }
  }

  commit<T>(reason: string, write: () => T, options?: CommitOptions): T {
    if (!this.commits) throw new LifeboatError('locked', `${reason} changes the state and this engine opened it read-only`);
    return this.commits.run(reason, write, options);
  }

  /** Checks the live rows against the kept state hash and remembers the answer for desk.status. */
  checkLive(): LiveCheck {
    this.liveCheck = this.checkpoints.checkLive();
    return this.liveCheck;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.jobs.cancelAll();
    this.checkpoints.close();
    this.tiers.close();
    try {
      if (this.mode === 'write') this.store.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A busy reader may keep the WAL; it is checkpointed at the next open.
    }
    this.store.db.close();
    this.lease?.release();
    this.copy?.dispose();
  }
}
