// Starting a reconciliation: the broker file (read and sent off the page's thread), what the engine
// detects in it, the CSV mapping, the local side, the strategy and tolerances, and the run's job.
import { create } from 'zustand';
import type { BrokerFileInfo, JobInfo } from '../../../../../shared/api/contract';
import type { CheckpointInfo } from '../../../../../shared/api/checkpoints';
import type { BrokerFormat, CsvMapping, ReconcileStrategy } from '../../../../../shared/api/reconcile';
import { api } from '../../../api/client';
import { ApiCallError, asCallError } from '../../../api/errors';
import { followJob } from '../../../jobs/jobs';
import type { Transfer } from '../io/protocol';
import { sendFile, type FileRequest, type Sending } from '../io/send-file';
import { cleanMapping, csvHeader, parseMappingFile, symbolCount, type Delimiter, type MappingFile } from '../model/csv';
import { splitJobError } from '../model/job-error';
import { buildTolerances, emptyRow, presetRow, type TolField, type TolRow } from '../model/tolerances';
import { presetById } from '../../../../../shared/settings/tolerance-presets';
import { strategyOfSetting } from '../../../../../shared/settings/strategy';
import { useReconciliation } from './runs';

export type Against = { kind: 'live' } | { kind: 'checkpoint'; id: string } | { kind: 'freqtrade'; path: string };

export type InspectState =
  | { state: 'idle' }
  | { state: 'sending'; transfer: Transfer | null }
  | { state: 'ready'; info: BrokerFileInfo; fileName: string }
  | { state: 'failed'; error: ApiCallError };

export type RunState =
  | { state: 'idle' }
  | { state: 'sending'; transfer: Transfer | null }
  | { state: 'running'; job: JobInfo }
  | { state: 'failed'; error: ApiCallError; job: JobInfo | null }
  | { state: 'done'; runId: string; job: JobInfo };

export interface LoadedMapping {
  fileName: string;
  problem: string | null;
  columns: number;
  symbols: { mappings: number; accounts: number };
}

export interface StartState {
  file: File | null;
  /** The CSV header, when the file's first bytes look like one. */
  csv: { columns: string[]; delimiter: Delimiter } | null;
  chooseFile(file: File | null): Promise<void>;

  format: BrokerFormat | 'auto';
  setFormat(format: BrokerFormat | 'auto'): void;
  /** The account for a file that names none ('' = as the file says). */
  accountId: string;
  setAccount(accountId: string): void;
  /** The column mapping a person chose; empty boxes are left to the engine's header names. */
  columns: CsvMapping;
  setColumn(field: keyof CsvMapping, column: string): void;
  symbols: MappingFile['symbols'] | null;
  mapping: LoadedMapping | null;
  loadMappingFile(file: File | null): Promise<void>;

  inspect: InspectState;
  /** An inspection is asked for but waits for typing to pause: what is shown may be out of date. */
  inspectPending: boolean;
  reinspect(): void;

  against: Against;
  setAgainst(against: Against): void;
  checkpoints: CheckpointInfo[] | null;
  checkpointsError: ApiCallError | null;
  loadCheckpoints(): Promise<void>;

  strategy: ReconcileStrategy;
  setStrategy(strategy: ReconcileStrategy): void;
  /** The desk's reconciliation.defaultStrategy, taken as the choice until the person makes one. */
  strategyChosen: boolean;
  loadDefaultStrategy(): Promise<void>;

  tolerances: TolRow[];
  setTolerance(scope: string, field: TolField, part: 'abs' | 'relPct', value: string): void;
  /** Fills the desk-wide tolerances with a named preset's. */
  applyPreset(id: string): void;
  addOverride(accountId: string): void;
  removeOverride(accountId: string): void;

  run: RunState;
  start(): Promise<string | null>;
  /** Stops reading or uploading the file (a job the engine has started runs to its end). */
  cancelSend(): void;
}

let inspecting: Sending<BrokerFileInfo> | null = null;
let sending: Sending<JobInfo> | null = null;
let inspectTimer: ReturnType<typeof setTimeout> | null = null;
let inspectSeq = 0;

/** How much of the file is read on the page to find a CSV header. */
const HEAD_BYTES = 64 * 1024;

export function againstRef(a: Against): string | null {
  if (a.kind === 'live') return 'live';
  if (a.kind === 'checkpoint') return a.id || null;
  return a.path.trim() ? `freqtrade:${a.path.trim()}` : null;
}

/** The request both inspect and run send, without the file's text. */
export function fileRequest(s: Pick<StartState, 'file' | 'format' | 'accountId' | 'columns' | 'csv'>): FileRequest<'reconcile.inspect'> {
  const csvLike = s.format === 'csv' || (s.format === 'auto' && s.csv !== null);
  const columns = csvLike ? cleanMapping(s.columns) : undefined;
  return {
    fileName: s.file?.name ?? '',
    ...(s.format !== 'auto' ? { format: s.format } : {}),
    ...(columns ? { columns: columns as Record<string, string> } : {}),
    ...(s.accountId ? { accountId: s.accountId } : {}),
  };
}

/** Why the run cannot start yet, or null. */
export function notReady(s: StartState): string | null {
  if (!s.file) return 'Choose the broker’s file first.';
  if (s.inspect.state === 'sending' || s.inspectPending) return 'Reading the file…';
  if (s.inspect.state === 'failed') return 'The file cannot be used as it is (see above).';
  if (s.inspect.state !== 'ready') return 'The file has not been checked yet.';
  if (s.mapping?.problem) return 'The mapping file cannot be used (see above).';
  if (againstRef(s.against) === null) return s.against.kind === 'checkpoint' ? 'Choose a checkpoint.' : 'Give the path of the Freqtrade database.';
  if (s.strategy !== 'warn' && s.against.kind !== 'live') return 'Sync and halt change the live state: compare with the live state to use them.';
  if (Object.keys(buildTolerances(s.tolerances).problems).length) return 'A tolerance is not a plain non-negative decimal.';
  if (s.run.state === 'sending' || s.run.state === 'running') return 'A run is in progress.';
  return null;
}

export const useReconStart = create<StartState>()((set, get) => ({
  file: null,
  csv: null,
  async chooseFile(file) {
    inspecting?.cancel();
    set({ file, csv: null, inspect: { state: 'idle' }, run: { state: 'idle' }, format: 'auto' });
    if (!file) return;
    // Only the first bytes are read here, for the CSV header; the worker reads the whole file.
    const head = await file.slice(0, HEAD_BYTES).text();
    if (get().file !== file) return;
    // JSON or XML (an IBKR Flex statement) has no CSV header to map.
    const structured = /^\s*[[{<]/.test(head.replace(/^\uFEFF/, ''));
    set({ csv: structured ? null : csvHeader(head) });
    get().reinspect();
  },

  format: 'auto',
  setFormat(format) {
    set({ format });
    get().reinspect();
  },
  accountId: '',
  setAccount(accountId) {
    set({ accountId });
    get().reinspect();
  },
  columns: {},
  setColumn(field, column) {
    set((s) => ({ columns: { ...s.columns, [field]: column } }));
    get().reinspect();
  },
  symbols: null,
  mapping: null,
  async loadMappingFile(file) {
    if (!file) {
      set({ mapping: null, symbols: null });
      get().reinspect();
      return;
    }
    const parsed = parseMappingFile(await file.text());
    if (!parsed.ok) {
      set({ mapping: { fileName: file.name, problem: parsed.problem, columns: 0, symbols: { mappings: 0, accounts: 0 } }, symbols: null });
      return;
    }
    const { columns, symbols } = parsed.value;
    set((s) => ({
      mapping: { fileName: file.name, problem: null, columns: Object.keys(columns ?? {}).length, symbols: symbolCount(symbols) },
      columns: columns ? { ...columns } : s.columns,
      symbols: symbols ?? null,
    }));
    get().reinspect();
  },

  inspect: { state: 'idle' },
  inspectPending: false,
  reinspect() {
    if (inspectTimer) clearTimeout(inspectTimer);
    const file = get().file;
    if (!file) return set({ inspectPending: false });
    // Typing in the mapping asks again once the typing pauses; until then a run waits, since the
    // inspection shown no longer matches the request a run would send.
    set({ inspectPending: true });
    inspectTimer = setTimeout(() => {
      inspectTimer = null;
      inspecting?.cancel();
      const mine = ++inspectSeq;
      set({ inspect: { state: 'sending', transfer: null }, inspectPending: false });
      inspecting = sendFile('reconcile.inspect', file, fileRequest(get()), (transfer) => {
        if (mine === inspectSeq) set({ inspect: { state: 'sending', transfer } });
      });
      inspecting.done.then(
        (info) => mine === inspectSeq && set({ inspect: { state: 'ready', info, fileName: file.name } }),
        (e) => {
          if (mine !== inspectSeq) return;
          const error = asCallError('reconcile.inspect', e);
          if (error.code !== 'cancelled') set({ inspect: { state: 'failed', error } });
        },
      );
    }, 250);
  },

  against: { kind: 'live' },
  setAgainst(against) {
    set((s) => ({ against, strategy: against.kind === 'live' ? s.strategy : 'warn' }));
    if (against.kind === 'checkpoint' && get().checkpoints === null) void get().loadCheckpoints();
  },
  checkpoints: null,
  checkpointsError: null,
  async loadCheckpoints() {
    try {
      const list = await api.call('checkpoints.list', {});
      set({ checkpoints: [...list.checkpoints].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)), checkpointsError: null });
    } catch (e) {
      set({ checkpointsError: asCallError('checkpoints.list', e) });
    }
  },

  strategy: 'warn',
  setStrategy: (strategy) => set({ strategy, strategyChosen: true }),
  strategyChosen: false,
  async loadDefaultStrategy() {
    try {
      const settings = await api.call('settings.list', {});
      const chosen = strategyOfSetting(settings.find((x) => x.key === 'reconciliation.defaultStrategy')?.value);
      // Sync and halt act on the live state: against anything else the run warns (as the engine does).
      set((s) => (s.strategyChosen ? s : { strategy: s.against.kind === 'live' ? chosen : 'warn' }));
    } catch {
      // The settings cannot be read now: the wizard keeps warn, the safe choice.
    }
  },

  tolerances: [emptyRow('')],
  setTolerance: (scope, field, part, value) =>
    set((s) => ({ tolerances: s.tolerances.map((r) => (r.scope === scope ? { ...r, [field]: { ...r[field], [part]: value } } : r)) })),
  addOverride: (accountId) =>
    set((s) => (s.tolerances.some((r) => r.scope === accountId) ? s : { tolerances: [...s.tolerances, emptyRow(accountId)] })),
  applyPreset: (id) => {
    const preset = presetById(id);
    if (preset) set((s) => ({ tolerances: [presetRow(preset.tolerances), ...s.tolerances.filter((r) => r.scope !== '')] }));
  },
  removeOverride: (accountId) => set((s) => ({ tolerances: s.tolerances.filter((r) => r.scope !== accountId) })),

  run: { state: 'idle' },
  async start() {
    const s = get();
    if (notReady(s) || !s.file) return null;
    const file = s.file;
    const request: FileRequest<'reconcile.run'> = {
      ...fileRequest(s),
      ...(s.symbols ? { symbols: s.symbols } : {}),
      against: againstRef(s.against)!,
      strategy: s.strategy,
      tolerances: buildTolerances(s.tolerances).tolerances,
    };
    set({ run: { state: 'sending', transfer: null } });
    sending = sendFile('reconcile.run', file, request, (transfer) => {
      if (get().run.state === 'sending') set({ run: { state: 'sending', transfer } });
    });
    let job: JobInfo;
    try {
      job = await sending.done;
    } catch (e) {
      const error = asCallError('reconcile.run', e);
      set({ run: error.code === 'cancelled' ? { state: 'idle' } : { state: 'failed', error, job: null } });
      return null;
    } finally {
      sending = null;
    }
    set({ run: { state: 'running', job } });
    const final = await followJob(job, (j) => {
      if (get().run.state === 'running') set({ run: { state: 'running', job: j } });
    });
    const outcome = final.kind === 'reconcile' ? final.result : null;
    if (final.state === 'succeeded' && outcome) {
      const runId = outcome.runId;
      set({ run: { state: 'done', runId, job: final } });
      void useReconciliation.getState().load();
      return runId;
    }
    // The engine says where separately; older servers folded it into the message.
    const split = final.errorWhere ? { message: final.error ?? final.state, where: final.errorWhere } : splitJobError(final.error ?? final.state, file.name);
    // The engine names the request's symbol mappings "symbols": here they came from the mapping file.
    const where = split.where === 'symbols' && s.mapping ? s.mapping.fileName : split.where;
    const error = new ApiCallError('reconcile.run', { code: final.errorCode ?? 'internal', message: split.message, where: where ?? undefined });
    set({ run: { state: 'failed', error, job: final } });
    return null;
  },
  cancelSend() {
    sending?.cancel();
  },
}));
