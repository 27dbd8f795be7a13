// What the desk builders share while one desk is generated: the store and its bulk statements,
// the size's profile, the instrument book, what has been built so far, counts and progress.
import { Dec } from '../../../../shared/decimal';
import type { LiveStore } from '../../live/live-store';
import * as inst from '../instruments';
import { prepareBulk, type BulkStatements } from './bulk-sql';
import { ACCOUNTS, isHaltedAccount, type AccountSpec } from './accounts-catalog';
import { InstrumentBook } from './instrument-book';
import { PROFILES, type DeskSize, type Profile } from './profile';
import type { StrategySpec } from './strategy-catalog';

export type DemoProgress = (done: number, total: number, message: string) => void;

export interface CashBalance {
  currency: string;
  amount: string;
}

/** A strategy while the desk is built: what it may trade, what it holds, what it is worth. */
export interface StrategyRuntime {
  spec: StrategySpec;
  universe: string[];
  held: string[];
  clientSeq: number;
  positionsValue: Dec;
  openAllowed: boolean;
}

export class Desk {
  readonly profile: Profile;
  readonly specs: readonly AccountSpec[];
  readonly bulk: BulkStatements;
  readonly book: InstrumentBook;
  /** Per account, the next broker order id in that broker's style. */
  readonly brokerIds = new Map<string, () => string>();
  readonly strategies: StrategyRuntime[] = [];
  readonly accountCash = new Map<string, CashBalance[]>();
  /** Names of the strategies halted by their risk limits. */
  readonly halted = new Set<string>();
  readonly counts = { positions: 0, orders: 0, openOrders: 0, cashBalances: 0, riskStates: 0, artifacts: 0, settings: 0 };
  /** Progress steps: one per position and per order, and four milestones. */
  readonly total: number;
  private done = 0;

  constructor(
    readonly store: LiveStore,
    readonly size: DeskSize,
    readonly seed: number,
    readonly asOfMs: number,
    private readonly onProgress?: DemoProgress,
  ) {
    this.profile = PROFILES[size];
    this.specs = ACCOUNTS[size];
    this.bulk = prepareBulk(store.db);
    this.book = new InstrumentBook(asOfMs);
    this.total = this.profile.positions + this.profile.orders + 4;
  }

  iso(ms: number): string {
    return new Date(ms).toISOString();
  }

  progress(step: number, message: string): void {
    this.done += step;
    this.onProgress?.(this.done, this.total, message);
  }

  /** Progress for a long loop: reported once at least `every` steps have gathered, and at the end. */
  batchProgress(every: number, message: () => string): { add(steps: number): void; flush(): void } {
    let since = 0;
    return {
      add: (steps) => {
        since += steps;
        if (since >= every) {
          this.progress(since, message());
          since = 0;
        }
      },
      flush: () => {
        if (since > 0) this.progress(since, message());
      },
    };
  }

  isHaltedAccount(accountId: string): boolean {
    return isHaltedAccount(this.size, accountId);
  }

  /** An account's cash in every currency, converted to `currency` (unknown rates count as 0). */
  cashValue(accountId: string, currency: string): Dec {
    let value = new Dec(0);
    for (const b of this.accountCash.get(accountId)!) value = value.plus(inst.convert(b.amount, b.currency, currency) ?? 0);
    return value;
  }
}
