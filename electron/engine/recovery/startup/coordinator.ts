// The start-up coordinator's thin shell, run by Engine.open in write mode only (a desk opened to
// read never runs it): the fast detectors, the decision (decide.ts), the safe part done at open,
// and the record (record.ts). In the order the open needs:
//   1. before the lease — what the folder shows: a dead holder's lease is the evidence of an
//      unclean shutdown, and taking the lease over removes it;
//   2. with the lease, before the database is opened — a lost or foreign WAL: a writer would fold
//      it in (or lose what it held), so the open is refused, recorded, naming the playbook;
//   3. the database would not open as damaged — recorded (the open's error is thrown as it was);
//   4. opened — the jobs the dead holder left running (read before they are marked), stale state
//      and the broker; then the jobs marked interrupted (JobHistory.interruptLeftovers, the same
//      call the in-place playbooks' resume makes) and the record.
// Nothing here reads a whole database: the quick_check at open is the open's own.
import type { Database } from 'better-sqlite3';
import type { Finding, StartupRecord, StartupVerdict } from '../../../../shared/api/recovery';
import { LifeboatError } from '../../../../shared/result';
import { JobHistory } from '../../jobs/job-history';
import { LiveStore } from '../../live/live-store';
import { explainError } from '../../store/io-errors';
import { describeHolder } from '../../store/lease';
import type { StateFolder } from '../../store/state-folder';
import { finding, notChecked, type Detector, type DoctorContext } from '../detector';
import { brokerDisagreement } from '../detectors/broker-disagreement';
import { databaseDamaged } from '../detectors/database-damaged';
import { liveStateStale } from '../detectors/stale';
import { uncleanShutdown } from '../detectors/unclean-shutdown';
import { walLostOrForeign } from '../detectors/wal';
import { gatherFolderFacts, type FolderFacts } from '../folder-facts';
import { resolveLimits } from '../limits';
import type { OpenFacts } from '../reader';
import { decideStartup } from './decide';
import { recordStartup } from './record';

export class StartupCheck {
  /** Milliseconds spent in the coordinator itself (not in the lease or the open between its steps). */
  private spent = 0;
  private readonly now = new Date();
  private readonly folder: FolderFacts | null;

  /** Step 1, before the lease. A fresh desk (no database until this open creates it) has nothing to look at. */
  constructor(
    private readonly paths: StateFolder,
    private readonly purpose: string,
    private readonly fresh: boolean,
  ) {
    const t = performance.now();
    this.folder = fresh ? null : gatherFolderFacts(paths);
    this.spent += performance.now() - t;
  }

  /** Step 2, holding the lease: refuses (recorded) a WAL a writer must not open. */
  beforeOpen(): void {
    if (!this.folder) return;
    const t = performance.now();
    const open: OpenFacts = { file: this.paths.db, exists: true, attempts: [], used: null, copyError: null };
    const findings = [this.run(walLostOrForeign, open, null)];
    const verdict = decideStartup({ fresh: false, findings });
    if (verdict.state !== 'damaged') {
      this.spent += performance.now() - t;
      return;
    }
    this.record(verdict, findings, [], t);
    throw new LifeboatError('verification_failed', `${verdict.says} ${verdict.next}`, this.paths.db, { startup: verdict.state, playbook: verdict.playbook });
  }

  /** Step 3: the open failed. A damaged database is recorded; any other failure (busy, no room) is not a finding. */
  openFailed(err: unknown): void {
    if (!this.folder || !(err instanceof LifeboatError) || err.code !== 'verification_failed') return;
    const t = performance.now();
    const withWal = this.folder.wal !== null;
    const open: OpenFacts = {
      file: this.paths.db,
      exists: true,
      attempts: [{ what: 'in place', withWal, opened: false, error: { code: err.code, message: err.reason }, quickCheck: null, damagedObjects: [] }],
      used: null,
      copyError: null,
    };
    const findings = [this.run(databaseDamaged, open, null)];
    this.record(decideStartup({ fresh: false, findings }), findings, [], t);
  }

  /** Step 4: the database is open for writing. Returns the record (also kept on disk). */
  opened(db: Database): StartupRecord {
    const t = performance.now();
    const at = this.now.toISOString();
    if (!this.folder) return this.record(decideStartup({ fresh: true, findings: [] }), [], [], t);
    const open: OpenFacts = { file: this.paths.db, exists: true, attempts: [{ what: 'in place', withWal: this.folder.wal !== null, opened: true, error: null, quickCheck: [], damagedObjects: [] }], used: 0, copyError: null };
    const findings = [uncleanShutdown, walLostOrForeign, liveStateStale, brokerDisagreement].map((d) => this.run(d, open, db));
    const verdict = decideStartup({ fresh: false, findings });
    const did: string[] = [];
    const lease = this.folder.lease;
    if (lease.state === 'held' && !lease.alive) did.push(`took over the lease of ${describeHolder(lease.holder)}, which no longer runs`);
    if (lease.state === 'unreadable') did.push(`replaced ${lease.file}, left half-written`);
    const interrupted = new JobHistory(db).interruptLeftovers(at);
    if (interrupted) did.push(`marked ${interrupted} job${interrupted === 1 ? '' : 's'} left running as interrupted`);
    if ((this.folder.wal?.scan.committedFrames ?? 0) > 0 && verdict.state === 'unclean') did.push(`SQLite replayed ${this.folder.wal!.scan.committedFrames} committed frames of the log`);
    return this.record(verdict, findings, did, t);
  }

  /** One detector, as doctor runs it: one that fails to read or judge is "not checked", and the open goes on. */
  private run(d: Detector<any>, open: OpenFacts, db: Database | null): Finding {
    try {
      const ctx: DoctorContext = { paths: this.paths, now: this.now, folder: this.folder!, open, db, limits: resolveLimits(db ? new LiveStore(db).settings() : {}) };
      return finding(d, d.decide(d.gather(ctx), { now: this.now, limits: ctx.limits }), this.now);
    } catch (err) {
      return notChecked(d, explainError(err, this.paths.db).reason, {}, this.now);
    }
  }

  /** `since`: when the current step began (its time is added to what was spent before). */
  private record(verdict: StartupVerdict, findings: Finding[], did: string[], since: number): StartupRecord {
    const record: StartupRecord = {
      kind: 'startup',
      at: this.now.toISOString(),
      purpose: this.purpose,
      ...verdict,
      did,
      checked: findings.map((f) => f.detector),
      findings: findings.filter((f) => f.found && f.checked).map((f) => ({ detector: f.detector, severity: f.severity, playbook: f.playbook, text: f.evidence.text })),
      tookMs: 0,
    };
    try {
      recordStartup(this.paths.dir, record, () => Math.round(this.spent + performance.now() - since));
    } catch (err) {
      // A desk whose disk is full must still open (the disk-full playbook needs it): the record is what gives way.
      record.notKept = explainError(err, this.paths.dir).reason;
    }
    return record;
  }
}
