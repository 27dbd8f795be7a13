// The Storage page: the tiers now (tiers.status, polled so a tier going down or coming back shows
// without a click), their history (tiers.history), the placement preview with this page's policy
// (tiers.plan), what each checkpoint costs per tier (tiers.checkpoints), and the demote / promote jobs.
import { create } from 'zustand';
import type { CheckpointTierCost, TierHistory, TierPlanReport, TiersStatus } from '../../../../../shared/api/tiers';
import type { JobInfo, LifeboatEvent } from '../../../../../shared/api/contract';
import { api } from '../../../api/client';
import { type ApiCallError, asCallError } from '../../../api/errors';
import { onAnyEvent } from '../../../live/live';
import { NO_JOB, runJob, type JobRun } from '../../../jobs/job-run';

export interface Policy {
  demoteAfterDays: number;
  unreadForDays: number;
  keepNewest: number;
}

export interface StorageState {
  status: TiersStatus | null;
  history: TierHistory | null;
  plan: TierPlanReport | null;
  costs: CheckpointTierCost[] | null;
  error: ApiCallError | null;
  stamp: number;
  /** The policy the preview and "Demote now" use: the desk's until changed here. */
  policy: Policy | null;
  setPolicy(p: Partial<Policy>): void;
  loadStatus(): Promise<void>;
  loadHistory(): Promise<void>;
  loadPlan(): Promise<void>;
  loadCosts(): Promise<void>;
  demote: JobRun;
  promote: JobRun;
  promoting: string | null;
  startDemote(): Promise<void>;
  startPromote(checkpointId: string): Promise<void>;
}

const guard = async (channel: string, set: (p: Partial<StorageState>) => void, run: () => Promise<Partial<StorageState>>) => {
  try {
    set({ ...(await run()) });
  } catch (e) {
    set({ error: asCallError(channel as never, e) });
  }
};

export const useStorage = create<StorageState>()((set, get) => ({
  status: null,
  history: null,
  plan: null,
  costs: null,
  error: null,
  stamp: 0,
  policy: null,
  setPolicy(p) {
    const current = get().policy ?? get().plan?.policy;
    if (!current) return;
    set({ policy: { ...current, ...p } });
    void get().loadPlan();
  },
  loadStatus: () => guard('tiers.status', set, async () => ({ status: await api.call('tiers.status', {}), error: null, stamp: get().stamp + 1 })),
  loadHistory: () => guard('tiers.history', set, async () => ({ history: await api.call('tiers.history', { sinceMinutes: 24 * 60 }) })),
  loadPlan: () =>
    guard('tiers.plan', set, async () => {
      const plan = await api.call('tiers.plan', { limit: 8, policy: get().policy ?? {} });
      return { plan, policy: get().policy ?? plan.policy };
    }),
  loadCosts: () => guard('tiers.checkpoints', set, async () => ({ costs: (await api.call('tiers.checkpoints', {})).checkpoints })),
  demote: NO_JOB,
  promote: NO_JOB,
  promoting: null,
  async startDemote() {
    set({ demote: { ...NO_JOB } });
    await runJob('tiers.demote', () => api.call('tiers.demote', { policy: get().policy ?? {} }), (r) => set((s) => ({ demote: { ...s.demote, ...r } })));
    reloadAll();
  },
  async startPromote(checkpointId) {
    set({ promote: { ...NO_JOB }, promoting: checkpointId });
    await runJob('tiers.promote', () => api.call('tiers.promote', { checkpointId }), (r) => set((s) => ({ promote: { ...s.promote, ...r } })));
    set({ promoting: null });
    reloadAll();
  },
}));

function reloadAll(): void {
  const s = useStorage.getState();
  void s.loadStatus();
  void s.loadHistory();
  void s.loadPlan();
  void s.loadCosts();
}

/** How often the page asks for the tiers' status (a tier's health is found by asking). */
const STATUS_EVERY_MS = 3_000;
const HISTORY_EVERY_MS = 60_000;
const MOVES = new Set<JobInfo['kind']>(['tiers-demote', 'tiers-promote']);

/** While the page is open: load everything, poll the status and history, reload after moves and new checkpoints. */
export function startStorageLive(): () => void {
  reloadAll();
  const status = setInterval(() => void useStorage.getState().loadStatus(), STATUS_EVERY_MS);
  const history = setInterval(() => void useStorage.getState().loadHistory(), HISTORY_EVERY_MS);
  const off = onAnyEvent((event) => {
    if (event.name === 'job.updated') {
      const job = (event as LifeboatEvent<'job.updated'>).payload;
      if (MOVES.has(job.kind) && job.state !== 'running') reloadAll();
    } else if (event.name === 'checkpoints.changed') {
      void useStorage.getState().loadCosts();
      void useStorage.getState().loadPlan();
    }
  });
  return () => {
    clearInterval(status);
    clearInterval(history);
    off();
  };
}
