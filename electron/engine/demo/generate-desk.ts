// The demo desk: a trading desk that looks real — accounts at real brokers, named strategies with
// their own state documents, positions with cost basis and marks, a deep order history in every
// status with bracket orders, cash in several currencies, risk state with one halt, settings and
// model artifacts. Built in one transaction from a seed: the same (size, seed, asOf) always gives
// exactly the same rows, and nothing is dated after asOf.
import { dirname } from 'node:path';
import type { Account, AccountKind, AccountType, Order, OrderSide, OrderStatus, OrderType, RiskState, StrategyStatus } from '../../../shared/domain';
import { Dec, toStored } from '../../../shared/decimal';
import { canonicalJson } from '../../../shared/canonical-json';
import { LifeboatError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import type { LiveStore } from '../live/live-store';
import * as inst from './instruments';
import { Rng } from './rng';
import { fmt, mulBps, pow10, units } from './fixed';
import { insertOrder, insertPosition, prepareBulk, type BulkStatements } from './sql';
import { initialState, type Family, type StrategyTemplate } from './strategy-state';

export type DeskSize = 'small' | 'large';

export interface GenerateDeskOptions {
  size: DeskSize;
  seed: number;
  /** ISO-8601 UTC: the desk's "now". Nothing is dated after it. */
  asOf: string;
}

export interface DemoSummary {
  size: DeskSize;
  seed: number;
  asOf: string;
  accounts: number;
  strategies: number;
  positions: number;
  orders: number;
  openOrders: number;
  cashBalances: number;
}

export type DemoProgress = (done: number, total: number, message: string) => void;

/** The meta key under which the generator records what it built. */
export const DEMO_META_KEY = 'demo_desk';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface Profile {
  positions: number;
  orders: number;
  openOrders: readonly [number, number];
  historyDays: number;
  bracketRate: number;
  /** Cash balances are the account's ranges times this (a bigger desk runs more money). */
  cashMultiplier: number;
  synthetic: { US: number; EU: number; UK: number; JP: number; COINS: number };
  /** Strategies added per account on top of the six named ones. */
  extraStrategies: Readonly<Record<string, number>>;
}

const PROFILES: Record<DeskSize, Profile> = {
  small: {
    positions: 200,
    orders: 2000,
    openOrders: [45, 70],
    historyDays: 14,
    bracketRate: 0.05,
    cashMultiplier: 1,
    synthetic: { US: 0, EU: 0, UK: 0, JP: 0, COINS: 0 },
    extraStrategies: {},
  },
  large: {
    positions: 10_000,
    orders: 200_000,
    openOrders: [320, 460],
    historyDays: 90,
    bracketRate: 0.04,
    cashMultiplier: 20,
    synthetic: { US: 1200, EU: 240, UK: 240, JP: 150, COINS: 500 },
    extraStrategies: { 'acct-alpaca-01': 6, 'acct-ibkr-01': 10, 'acct-saxo-01': 6, 'acct-binance-01': 7, 'acct-kraken-01': 5 },
  },
};

// ---- accounts --------------------------------------------------------------------------------

type BrokerIdStyle = 'uuid' | 'numeric' | 'kraken';

interface Universes {
  US: string[];
  EU: string[];
  UK: string[];
  JP: string[];
  /** Coin codes, real ones first. */
  COINS: string[];
}

interface AccountSpec {
  accountId: string;
  name: string;
  broker: string;
  kind: AccountKind;
  accountType: AccountType;
  baseCurrency: string;
  cash: readonly (readonly [currency: string, min: string, max: string, scale: number])[];
  brokerIds: BrokerIdStyle;
  numeric?: { start: readonly [number, number]; step: number };
  /** Fractional share orders (Alpaca). */
  fractional: boolean;
  universe(u: Universes): string[];
}

const REAL_COINS = Object.keys(inst.COINS);
const pairs = (coins: readonly string[], quote: string) => coins.filter((c) => c !== quote).map((c) => `${c}/${quote}`);

const ALPACA: AccountSpec = {
  accountId: 'acct-alpaca-01',
  name: 'Alpaca — US equities',
  broker: 'Alpaca',
  kind: 'equities',
  accountType: 'cash',
  baseCurrency: 'USD',
  cash: [['USD', '150000', '900000', 2]],
  brokerIds: 'uuid',
  fractional: true,
  universe: (u) => u.US,
};

const BINANCE: AccountSpec = {
  accountId: 'acct-binance-01',
  name: 'Binance — crypto margin',
  broker: 'Binance',
  kind: 'crypto',
  accountType: 'margin',
  baseCurrency: 'USDT',
  cash: [
    ['USDT', '200000', '1500000', 8],
    ['USD', '5000', '50000', 2],
    ['EUR', '2000', '30000', 2],
    ['BTC', '0.5', '4', 8],
  ],
  brokerIds: 'numeric',
  numeric: { start: [20_000_000_000, 40_000_000_000], step: 900 },
  fractional: false,
  universe: (u) => [...pairs(u.COINS, 'USDT'), ...pairs(REAL_COINS.slice(1, 13), 'BTC'), ...pairs(REAL_COINS.slice(0, 8), 'EUR')],
};

const IBKR: AccountSpec = {
  accountId: 'acct-ibkr-01',
  name: 'Interactive Brokers — global equities',
  broker: 'Interactive Brokers',
  kind: 'equities',
  accountType: 'margin',
  baseCurrency: 'USD',
  cash: [
    ['USD', '1000000', '5000000', 2],
    ['EUR', '100000', '800000', 2],
    ['GBP', '50000', '400000', 2],
    ['JPY', '5000000', '60000000', 0],
  ],
  brokerIds: 'numeric',
  numeric: { start: [1_000_000_000, 1_500_000_000], step: 40 },
  fractional: false,
  universe: (u) => [...u.US, ...u.EU, ...u.UK, ...u.JP],
};

const SAXO: AccountSpec = {
  accountId: 'acct-saxo-01',
  name: 'Saxo — UK & EU equities',
  broker: 'Saxo Bank',
  kind: 'equities',
  accountType: 'cash',
  baseCurrency: 'GBP',
  cash: [
    ['GBP', '300000', '2000000', 2],
    ['EUR', '50000', '300000', 2],
  ],
  brokerIds: 'numeric',
  numeric: { start: [5_000_000_000, 5_500_000_000], step: 25 },
  fractional: false,
  universe: (u) => [...u.UK, ...u.EU],
};

const KRAKEN: AccountSpec = {
  accountId: 'acct-kraken-01',
  name: 'Kraken — crypto spot',
  broker: 'Kraken',
  kind: 'crypto',
  accountType: 'cash',
  baseCurrency: 'EUR',
  cash: [
    ['EUR', '100000', '900000', 2],
    ['USD', '10000', '80000', 2],
    ['GBP', '5000', '40000', 2],
    ['BTC', '0.2', '2', 8],
  ],
  brokerIds: 'kraken',
  fractional: false,
  universe: (u) => [...pairs(u.COINS, 'EUR'), ...pairs(REAL_COINS.slice(0, 15), 'USD'), ...pairs(REAL_COINS.slice(0, 6), 'GBP')],
};

const ACCOUNTS: Record<DeskSize, readonly AccountSpec[]> = {
  small: [ALPACA, BINANCE],
  large: [ALPACA, IBKR, SAXO, BINANCE, KRAKEN],
};

// ---- strategies ------------------------------------------------------------------------------

interface StrategySpec extends StrategyTemplate {
  strategyId: string;
  account: AccountSpec;
  status: StrategyStatus;
}

const NAMED: readonly [string, Family, string, string[], AccountSpec, StrategyStatus][] = [
  ['mean-reversion-spy', 'mean-reversion', '15m', ['SPY'], ALPACA, 'running'],
  ['pairs-ko-pep', 'pairs', '1h', ['KO', 'PEP'], ALPACA, 'running'],
  ['momentum-tech-1d', 'momentum', '1d', ['NVDA', 'MSFT', 'AAPL'], ALPACA, 'paused'],
  ['btc-momentum-4h', 'momentum', '4h', ['BTC/USDT'], BINANCE, 'running'],
  ['eth-basis-carry', 'basis-carry', '8h', ['ETH/USDT'], BINANCE, 'running'],
  ['sol-breakout-1h', 'breakout', '1h', ['SOL/USDT'], BINANCE, 'running'],
];

/** The strategy the small and the large desk both halt on a daily-loss breach. */
const HALTED_STRATEGY = 'sol-breakout-1h';
/** The account the large desk halts (operator halt after broker errors). */
const HALTED_ACCOUNT = 'acct-kraken-01';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const strategyIdOf = (name: string) => `stg-${name}`;

type TemplateFn = (r: Rng, symbols: string[]) => StrategyTemplate;

const EQUITY_TEMPLATES: readonly TemplateFn[] = [
  (r, s) => {
    const t = r.pick(s);
    return { name: `mean-reversion-${slug(t)}`, family: 'mean-reversion', timeframe: r.pick(['5m', '15m', '1h']), focus: [t] };
  },
  (r, s) => {
    const t = r.pick(s);
    const tf = r.pick(['1h', '4h', '1d']);
    return { name: `momentum-${slug(t)}-${tf}`, family: 'momentum', timeframe: tf, focus: [t] };
  },
  (r, s) => {
    const [a, b] = r.sample(s, 2);
    return { name: `pairs-${slug(a)}-${slug(b)}`, family: 'pairs', timeframe: '1h', focus: [a, b] };
  },
  (r, s) => {
    const sector = r.pick(['tech', 'energy', 'banks', 'staples', 'healthcare', 'semis', 'industrials', 'telecom']);
    return { name: `stat-arb-${sector}`, family: 'stat-arb', timeframe: '1d', focus: r.sample(s, 4) };
  },
  (r, s) => {
    const t = r.pick(s);
    const tf = r.pick(['4h', '1d']);
    return { name: `trend-${slug(t)}-${tf}`, family: 'trend', timeframe: tf, focus: [t] };
  },
  (r, s) => {
    const t = r.pick(s);
    return { name: `vwap-exec-${slug(t)}`, family: 'vwap-exec', timeframe: '1m', focus: [t] };
  },
  (r, s) => {
    const t = r.pick(s);
    return { name: `earnings-drift-${inst.marketOf(t).toLowerCase()}`, family: 'earnings-drift', timeframe: '1d', focus: [t] };
  },
];

const CRYPTO_TEMPLATES: readonly TemplateFn[] = [
  (r, s) => {
    const p = r.pick(s);
    const tf = r.pick(['1h', '4h', '1d']);
    return { name: `${slug(inst.splitPair(p).base)}-momentum-${tf}`, family: 'momentum', timeframe: tf, focus: [p] };
  },
  (r, s) => {
    const p = r.pick(s);
    return { name: `${slug(inst.splitPair(p).base)}-basis-carry`, family: 'basis-carry', timeframe: '8h', focus: [p] };
  },
  (r, s) => {
    const p = r.pick(s);
    const tf = r.pick(['15m', '1h', '4h']);
    return { name: `${slug(inst.splitPair(p).base)}-breakout-${tf}`, family: 'breakout', timeframe: tf, focus: [p] };
  },
  (r, s) => {
    const p = r.pick(s);
    return { name: `mm-${slug(p)}`, family: 'market-making', timeframe: 'tick', focus: [p] };
  },
  (r, s) => {
    const p = r.pick(s);
    return { name: `grid-${slug(p)}`, family: 'grid', timeframe: '5m', focus: [p] };
  },
  (r, s) => {
    const p = r.pick(s);
    return { name: `${slug(inst.splitPair(p).base)}-funding-arb`, family: 'funding-arb', timeframe: '8h', focus: [p] };
  },
  (r, s) => {
    const p = r.pick(s);
    const tf = r.pick(['5m', '15m']);
    return { name: `${slug(inst.splitPair(p).base)}-mean-reversion-${tf}`, family: 'mean-reversion', timeframe: tf, focus: [p] };
  },
];

// ---- entry point -----------------------------------------------------------------------------

/**
 * Builds the demo desk into an empty state folder, in one transaction, and records one
 * `demo.generate` audit entry. Refuses (conflict) when the database already holds accounts.
 */
export function generateDesk(store: LiveStore, opts: GenerateDeskOptions, onProgress?: DemoProgress): DemoSummary {
  const { size, seed } = opts;
  if (size !== 'small' && size !== 'large') {
    throw new LifeboatError('bad_request', `desk size must be "small" or "large", got ${JSON.stringify(size)}`, 'size');
  }
  if (!Number.isSafeInteger(seed)) throw new LifeboatError('bad_request', `seed must be an integer, got ${String(seed)}`, 'seed');
  const asOfMs = parseAsOf(opts.asOf);
  const run = store.db.transaction(() => {
    refuseExistingDesk(store);
    const built = new DeskBuilder(store, size, seed, asOfMs, onProgress).build();
    appendAudit(store.db, 'demo.generate', built.details);
    return built.summary;
  });
  return run();
}

function parseAsOf(asOf: string): number {
  const ok = typeof asOf === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(asOf);
  const ms = ok ? Date.parse(asOf) : NaN;
  if (!Number.isFinite(ms)) {
    throw new LifeboatError('bad_request', `asOf must be an ISO-8601 UTC time like 2025-01-15T14:30:00Z, got ${JSON.stringify(asOf)}`, 'asOf');
  }
  return ms;
}

function refuseExistingDesk(store: LiveStore): void {
  const n = (store.db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n;
  if (n > 0) {
    throw new LifeboatError(
      'conflict',
      `state folder already holds a desk (${n} account${n === 1 ? '' : 's'}); generate the demo into an empty state folder`,
      store.db.name && store.db.name !== ':memory:' ? dirname(store.db.name) : undefined,
    );
  }
}

// ---- the builder -----------------------------------------------------------------------------

interface StrategyRuntime {
  spec: StrategySpec;
  universe: string[];
  held: string[];
  clientSeq: number;
  positionsValue: Dec;
  openAllowed: boolean;
}

interface Instrument {
  currency: string;
  crypto: boolean;
  /** Price tick scale, quantity lot scale, and lot multiple (100 in Tokyo). */
  ps: number;
  qs: number;
  lotMult: bigint;
  refTicks: bigint;
  /** USD per unit of the currency, as units at fxScale places. */
  fxUnits: bigint;
  fxScale: number;
  /** The desk's mark in ticks; 0 until first used. */
  markTicks: bigint;
}

interface Group {
  t: number;
  bracket: boolean;
  open: boolean;
  /** For open brackets: parent filled with working children, or parent pending with held children. */
  openKind?: 'working' | 'pending';
  forcedType?: OrderType;
  forcedStatus?: OrderStatus;
}

const OPEN_CYCLE: readonly OrderStatus[] = ['new', 'accepted', 'partially_filled', 'pending_cancel'];
const CLOSED_CYCLE: readonly (readonly [OrderType, OrderStatus])[] = [
  ['market', 'filled'],
  ['limit', 'cancelled'],
  ['stop', 'rejected'],
  ['stop_limit', 'expired'],
];

class DeskBuilder {
  private readonly profile: Profile;
  private readonly specs: readonly AccountSpec[];
  private readonly rng: Rng;
  private readonly bulk: BulkStatements;
  private readonly instruments = new Map<string, Instrument>();
  private readonly brokerIds = new Map<string, () => string>();
  private readonly strategies: StrategyRuntime[] = [];
  private readonly accountCash = new Map<string, { currency: string; amount: string }[]>();
  private readonly halted = new Set<string>();
  private done = 0;
  private readonly total: number;
  private counts = { positions: 0, orders: 0, openOrders: 0, cashBalances: 0, riskStates: 0, artifacts: 0, settings: 0 };

  constructor(
    private readonly store: LiveStore,
    private readonly size: DeskSize,
    private readonly seed: number,
    private readonly asOfMs: number,
    private readonly onProgress?: DemoProgress,
  ) {
    this.profile = PROFILES[size];
    this.specs = ACCOUNTS[size];
    this.rng = new Rng(seed, `lifeboat-demo-${size}`);
    this.bulk = prepareBulk(store.db);
    this.total = this.profile.positions + this.profile.orders + 4;
  }

  private iso(ms: number): string {
    return new Date(ms).toISOString();
  }

  private progress(step: number, message: string): void {
    this.done += step;
    this.onProgress?.(this.done, this.total, message);
  }

  build(): { summary: DemoSummary; details: Record<string, unknown> } {
    const universes = this.buildUniverses(this.rng.fork('universe'));
    this.buildAccounts(this.rng.fork('accounts'));
    this.buildStrategies(this.rng.fork('strategies'), universes);
    this.progress(1, `${this.specs.length} accounts, ${this.strategies.length} strategies`);
    this.buildPositions(this.rng.fork('positions'));
    this.buildOrders(this.rng.fork('orders'));
    this.buildRisk(this.rng.fork('risk'));
    this.progress(1, 'risk state');
    this.buildSettings();
    this.buildArtifacts(this.rng.fork('artifacts'));
    this.progress(1, 'settings and artifacts');
    const asOf = this.iso(this.asOfMs);
    const summary: DemoSummary = {
      size: this.size,
      seed: this.seed,
      asOf,
      accounts: this.specs.length,
      strategies: this.strategies.length,
      positions: this.counts.positions,
      orders: this.counts.orders,
      openOrders: this.counts.openOrders,
      cashBalances: this.counts.cashBalances,
    };
    this.store.setMeta(DEMO_META_KEY, canonicalJson({ size: this.size, seed: this.seed, asOf }));
    this.progress(1, 'done');
    return {
      summary,
      details: { ...summary, riskStates: this.counts.riskStates, artifacts: this.counts.artifacts, settings: this.counts.settings },
    };
  }

  // -- universes: the real catalog, plus deterministic made-up listings on the large desk --

  private buildUniverses(r: Rng): Universes {
    const syn = this.profile.synthetic;
    const taken = new Set<string>([
      ...Object.keys(inst.US_EQUITIES),
      ...Object.keys(inst.EU_EQUITIES),
      ...Object.keys(inst.UK_EQUITIES),
      ...Object.keys(inst.JP_EQUITIES),
      ...REAL_COINS,
      'USD', 'USDT', 'USDC', 'EUR', 'GBP', 'JPY', 'CHF',
    ]);
    const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const make = (n: number, gen: () => string): string[] => {
      const out: string[] = [];
      while (out.length < n) {
        const s = gen();
        if (taken.has(s)) continue;
        taken.add(s);
        out.push(s);
      }
      return out;
    };
    const EU_SUFFIX = ['.DE', '.PA', '.AS'];
    return {
      US: [...Object.keys(inst.US_EQUITIES), ...make(syn.US, () => r.chars(LETTERS, r.int(3, 4)))],
      EU: [...Object.keys(inst.EU_EQUITIES), ...make(syn.EU, () => r.chars(LETTERS, r.int(3, 4)) + r.pick(EU_SUFFIX))],
      UK: [...Object.keys(inst.UK_EQUITIES), ...make(syn.UK, () => r.chars(LETTERS, r.int(3, 4)) + '.L')],
      JP: [...Object.keys(inst.JP_EQUITIES), ...make(syn.JP, () => `${r.int(1300, 9999)}.T`)],
      COINS: [...REAL_COINS, ...make(syn.COINS, () => r.chars(LETTERS, r.int(3, 5)))],
    };
  }

  // -- accounts and cash --

  private buildAccounts(r: Rng): void {
    for (const spec of this.specs) {
      const account: Account = {
        accountId: spec.accountId,
        name: spec.name,
        broker: spec.broker,
        kind: spec.kind,
        accountType: spec.accountType,
        baseCurrency: spec.baseCurrency,
        createdAt: this.iso(this.asOfMs - (this.profile.historyDays + r.int(60, 900)) * DAY - r.int(0, DAY)),
      };
      this.store.putAccount(account);
      const balances: { currency: string; amount: string }[] = [];
      for (const [currency, min, max, scale] of spec.cash) {
        const m = this.profile.cashMultiplier;
        const amount = r.decimal(toStored(new Dec(min).times(m)), toStored(new Dec(max).times(m)), scale);
        this.store.setCash(spec.accountId, currency, amount, this.iso(this.asOfMs - r.int(1000, 6 * HOUR)));
        balances.push({ currency, amount });
        this.counts.cashBalances++;
      }
      this.accountCash.set(spec.accountId, balances);
      this.brokerIds.set(spec.accountId, this.brokerIdSource(spec, r.fork(`broker-ids-${spec.accountId}`)));
    }
  }

  private brokerIdSource(spec: AccountSpec, r: Rng): () => string {
    if (spec.brokerIds === 'numeric' && spec.numeric) {
      let next = r.int(spec.numeric.start[0], spec.numeric.start[1]);
      const step = spec.numeric.step;
      return () => {
        next += r.int(1, step);
        return String(next);
      };
    }
    const seen = new Set<string>();
    const KRAKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const gen =
      spec.brokerIds === 'kraken'
        ? () => `O${r.chars(KRAKEN_CHARS, 5)}-${r.chars(KRAKEN_CHARS, 5)}-${r.chars(KRAKEN_CHARS, 6)}`
        : () => r.uuid();
    return () => {
      let id = gen();
      while (seen.has(id)) id = gen();
      seen.add(id);
      return id;
    };
  }

  // -- strategies --

  private buildStrategies(r: Rng, u: Universes): void {
    const specs: StrategySpec[] = [];
    const names = new Set<string>();
    for (const [name, family, timeframe, focus, account, status] of NAMED) {
      specs.push({ strategyId: strategyIdOf(name), name, family, timeframe, focus, account, status });
      names.add(name);
    }
    for (const account of this.specs) {
      const extra = this.profile.extraStrategies[account.accountId] ?? 0;
      const universe = account.universe(u);
      const real = universe.filter(isCatalogued);
      const templates = account.kind === 'crypto' ? CRYPTO_TEMPLATES : EQUITY_TEMPLATES;
      let made = 0;
      let attempts = 0;
      while (made < extra) {
        if (++attempts > 10_000) throw new LifeboatError('internal', `could not name ${extra} strategies for ${account.accountId}`);
        const t = r.pick(templates)(r, real);
        if (names.has(t.name)) continue;
        names.add(t.name);
        const status = r.weighted<StrategyStatus>([
          ['running', 85],
          ['paused', 10],
          ['stopped', 5],
        ]);
        specs.push({ ...t, strategyId: strategyIdOf(t.name), account, status });
        made++;
      }
    }
    // Halts: the named breakout strategy (daily loss) everywhere; on the large desk also one
    // generated strategy (drawdown) and the Kraken account (operator halt).
    this.halted.add(HALTED_STRATEGY);
    if (this.size === 'large') {
      const candidates = specs.filter((s) => s.status === 'running' && !NAMED.some((n) => n[0] === s.name));
      if (candidates.length > 0) this.halted.add(r.pick(candidates).name);
    }
    // Allocate each account's base-currency cash among its strategies (90% of it, by weight).
    const weights = specs.map(() => r.int(500, 3000));
    for (const account of this.specs) {
      const base = this.accountCash.get(account.accountId)!.find((b) => b.currency === account.baseCurrency)!;
      const mine = specs.map((s, i) => (s.account === account ? weights[i] : 0));
      const total = mine.reduce((a, b) => a + b, 0);
      specs.forEach((spec, i) => {
        if (spec.account !== account) return;
        const startedAtMs = this.asOfMs - (this.profile.historyDays + r.int(5, 400)) * DAY - r.int(0, DAY);
        const updatedAtMs =
          spec.status === 'running'
            ? this.asOfMs - r.int(1000, 5 * 60_000)
            : this.asOfMs - r.int(spec.status === 'paused' ? 1 : 4, spec.status === 'paused' ? 3 : 9) * DAY;
        const state = initialState(spec, { rng: r, asOfMs: updatedAtMs, currency: account.baseCurrency, startedAtMs });
        this.store.putStrategy({
          strategyId: spec.strategyId,
          accountId: account.accountId,
          name: spec.name,
          status: spec.status,
          cash: toStored(new Dec(base.amount).times(mine[i]).times('0.9').div(total), 2),
          state,
          updatedAt: this.iso(updatedAtMs),
        });
        this.strategies.push({
          spec,
          universe: account.universe(u),
          held: [],
          clientSeq: r.int(1000, 90_000),
          positionsValue: new Dec(0),
          openAllowed: spec.status === 'running' && !this.halted.has(spec.name) && !(this.size === 'large' && account.accountId === HALTED_ACCOUNT),
        });
      });
    }
  }

  /** What the hot loops need to know about a symbol, worked out once. */
  private info(symbol: string): Instrument {
    let i = this.instruments.get(symbol);
    if (i === undefined) {
      const currency = inst.instrumentCurrency(symbol);
      const ps = inst.priceScale(symbol);
      const fx = inst.FX_USD[currency] ?? '1';
      const fs = fx.includes('.') ? fx.length - fx.indexOf('.') - 1 : 0;
      i = {
        currency,
        crypto: inst.isCryptoSymbol(symbol),
        ps,
        qs: inst.quantityScale(symbol),
        lotMult: BigInt(inst.lotMultiple(symbol)),
        refTicks: max1(units(inst.referencePrice(symbol), ps)),
        fxUnits: units(fx, fs),
        fxScale: fs,
        markTicks: 0n,
      };
      this.instruments.set(symbol, i);
    }
    return i;
  }

  /** The mark (last price, in ticks) of a symbol: the same for every strategy that holds it. */
  private mark(symbol: string, r: Rng): bigint {
    const i = this.info(symbol);
    if (i.markTicks === 0n) i.markTicks = max1(mulBps(i.refTicks, r.int(-300, 300)));
    return i.markTicks;
  }

  /**
   * Whole lots worth about `notionalUsd` at `priceTicks`, as quantity units at `qs` places:
   * floor(notional / (price × lot)) × lot, at least one lot.
   */
  private lots(i: Instrument, priceTicks: bigint, notionalUsd: number, qs: number): bigint {
    // notional in the instrument's currency = usd / fx; lots = notional / (price × 10^-ps × lotMult × 10^-qs)
    const num = BigInt(notionalUsd) * pow10(i.fxScale + i.ps + qs);
    const den = i.fxUnits * priceTicks * i.lotMult;
    const n = num / den;
    return (n > 0n ? n : 1n) * i.lotMult;
  }

  // -- positions --

  private buildPositions(r: Rng): void {
    const weights = this.strategies.map((s) => (s.spec.status === 'stopped' ? 0.3 : 0.5) + r.float());
    const caps = this.strategies.map((s) => s.universe.length);
    const perStrategy = allocate(this.profile.positions, weights, caps);
    // Size positions from the account's cash: the book is worth 2–5 times the cash it holds.
    const avgNotionalUsd = new Map<string, number>();
    for (const spec of this.specs) {
      let cashUsd = new Dec(0);
      for (const b of this.accountCash.get(spec.accountId)!) cashUsd = cashUsd.plus(inst.convert(b.amount, b.currency, 'USD') ?? 0);
      const count = this.strategies.reduce((n, st, k) => n + (st.spec.account === spec ? perStrategy[k] : 0), 0);
      const book = cashUsd.times(r.int(200, 500)).div(100);
      avgNotionalUsd.set(spec.accountId, Math.max(500, book.div(Math.max(1, count)).floor().toNumber()));
    }
    let sinceReport = 0;
    this.strategies.forEach((st, k) => {
      const n = perStrategy[k];
      const focus = st.spec.focus.filter((f) => st.universe.includes(f));
      const others = r.sample(st.universe.filter((s) => !focus.includes(s)), Math.max(0, n - focus.length));
      const symbols = [...focus, ...others].slice(0, n);
      const spec = st.spec.account;
      for (const symbol of symbols) {
        const i = this.info(symbol);
        const last = this.mark(symbol, r);
        const avg = avgNotionalUsd.get(spec.accountId)!;
        const notionalUsd = r.int(Math.floor(avg / 5), Math.floor(avg * 1.8));
        const qs = i.crypto ? (r.chance(0.05) ? 18 : 8) : spec.fractional && r.chance(0.12) ? 4 : 0;
        let q = this.lots(i, last, notionalUsd, qs);
        if (spec.accountType === 'margin' && r.chance(0.15)) q = -q; // a short
        const avgPx = mulBps(last * 100n, r.int(-1800, 1800));
        const quantity = fmt(q, qs);
        const lastPrice = fmt(last, i.ps);
        insertPosition(this.bulk, {
          accountId: spec.accountId,
          strategyId: st.spec.strategyId,
          symbol,
          quantity,
          avgPrice: avgPx > 0n ? fmt(avgPx, i.ps + 2) : lastPrice,
          lastPrice,
          currency: i.currency,
          updatedAt: this.iso(this.asOfMs - r.int(1000, (st.spec.status === 'running' ? 3 : 10) * DAY)),
        });
        st.held.push(symbol);
        const value = inst.convert(new Dec(quantity).times(lastPrice), i.currency, spec.baseCurrency);
        if (value) st.positionsValue = st.positionsValue.plus(value);
        this.counts.positions++;
        if (++sinceReport === 500) {
          this.progress(sinceReport, `positions ${this.counts.positions}/${this.profile.positions}`);
          sinceReport = 0;
        }
      }
    });
    if (sinceReport > 0) this.progress(sinceReport, `positions ${this.counts.positions}/${this.profile.positions}`);
  }

  // -- orders --

  private buildOrders(r: Rng): void {
    const p = this.profile;
    const spanMs = p.historyDays * DAY;
    // 1. The order groups (single orders and brackets of three) and their times, oldest first.
    const groups: Group[] = [];
    let n = 0;
    while (n < p.orders) {
      const bracket = p.orders - n >= 3 && r.chance(p.bracketRate);
      groups.push({ t: this.asOfMs - r.int(0, spanMs), bracket, open: false });
      n += bracket ? 3 : 1;
    }
    groups.sort((a, b) => a.t - b.t);
    // 2. Which are still open: mostly the newest, plus a few stale good-till-cancelled ones.
    const target = r.int(p.openOrders[0], p.openOrders[1]);
    let open = 0;
    const recentCut = this.asOfMs - 36 * HOUR;
    let firstRecent = groups.findIndex((g) => g.t >= recentCut);
    if (firstRecent < 0) firstRecent = groups.length;
    for (let k = Math.max(2, Math.floor(target * 0.05)); k > 0 && firstRecent > 0; k--) {
      const g = groups[r.int(0, firstRecent - 1)];
      if (!g.open && !g.bracket) {
        g.open = true;
        open++;
      }
    }
    let forcedOpen = 0;
    for (let i = groups.length - 1; i >= 0 && open < target; i--) {
      const g = groups[i];
      if (g.open || !r.chance(0.6)) continue;
      g.open = true;
      if (g.bracket) {
        g.openKind = r.chance(0.55) ? 'working' : 'pending';
        open += g.openKind === 'working' ? 2 : 3;
      } else {
        if (forcedOpen < OPEN_CYCLE.length) g.forcedStatus = OPEN_CYCLE[forcedOpen++];
        open++;
      }
    }
    let forcedClosed = 0;
    for (const g of groups) {
      if (g.open || g.bracket || forcedClosed >= CLOSED_CYCLE.length) continue;
      [g.forcedType, g.forcedStatus] = CLOSED_CYCLE[forcedClosed++];
    }
    // 3. Who placed them.
    const allPicker = new Picker(this.strategies.map((s) => (s.spec.status === 'running' ? 1 : s.spec.status === 'paused' ? 0.6 : 0.3) * (0.5 + r.float())));
    const openPicker = new Picker(this.strategies.map((s) => (s.openAllowed ? 1 : 0)));
    // 4. Build and insert, oldest first, so ids and broker ids grow with time.
    const every = Math.max(1000, Math.floor(p.orders / 20));
    let sinceReport = 0;
    let seq = 0;
    for (const g of groups) {
      const st = this.strategies[(g.open ? openPicker : allPicker).pick(r)];
      const orders = g.bracket ? this.bracket(g, st, seq, r) : [this.single(g, st, seq, r)];
      for (const o of orders) {
        insertOrder(this.bulk, o);
        if (o.status === 'new' || o.status === 'accepted' || o.status === 'partially_filled' || o.status === 'pending_cancel') {
          this.counts.openOrders++;
        }
      }
      seq += orders.length;
      this.counts.orders += orders.length;
      sinceReport += orders.length;
      if (sinceReport >= every) {
        this.progress(sinceReport, `orders ${this.counts.orders}/${p.orders}`);
        sinceReport = 0;
      }
    }
    if (sinceReport > 0) this.progress(sinceReport, `orders ${this.counts.orders}/${p.orders}`);
  }

  private orderId(createdIso: string, seq: number): string {
    const t = createdIso;
    return `ord-${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}-${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}-${String(seq + 1).padStart(6, '0')}`;
  }

  private pickSymbol(st: StrategyRuntime, r: Rng): string {
    return st.held.length > 0 && r.chance(0.75) ? r.pick(st.held) : r.pick(st.universe);
  }

  /** The price (ticks) of a symbol when an order was placed: the mark, drifting further the older the order. */
  private priceAt(symbol: string, t: number, r: Rng): bigint {
    const ageDays = Math.floor((this.asOfMs - t) / DAY);
    const drift = 100 + Math.min(1500, ageDays * 50);
    return max1(mulBps(this.mark(symbol, r), r.int(-drift, drift)));
  }

  /** An order quantity: units at `qs` places, and the size of one lot in those units. */
  private quantity(symbol: string, priceTicks: bigint, account: AccountSpec, r: Rng): { q: bigint; qs: number; lot: bigint } {
    const i = this.info(symbol);
    const notionalUsd = i.crypto ? r.int(100, 40_000) : r.int(500, 60_000);
    const qs = !i.crypto && account.fractional && r.chance(0.1) ? 4 : i.qs;
    return { q: this.lots(i, priceTicks, notionalUsd, qs), qs, lot: i.lotMult };
  }

  private single(g: Group, st: StrategyRuntime, seq: number, r: Rng): Order {
    const account = st.spec.account;
    const symbol = this.pickSymbol(st, r);
    const i = this.info(symbol);
    const ps = i.ps;
    const ref = this.priceAt(symbol, g.t, r);
    let type: OrderType =
      g.forcedType ??
      (g.open
        ? r.weighted<OrderType>([['limit', 70], ['stop', 15], ['stop_limit', 15]])
        : r.weighted<OrderType>([['market', 30], ['limit', 50], ['stop', 10], ['stop_limit', 10]]));
    const side: OrderSide = r.chance(account.accountType === 'cash' ? 0.6 : 0.5) ? 'buy' : 'sell';
    const dir = side === 'buy' ? 1 : -1;
    let status: OrderStatus;
    if (g.forcedStatus) status = g.forcedStatus;
    else if (g.open) status = r.weighted<OrderStatus>([['new', 12], ['accepted', 50], ['partially_filled', 25], ['pending_cancel', 13]]);
    else if (type === 'market') status = r.weighted<OrderStatus>([['filled', 94], ['rejected', 6]]);
    else if (type === 'limit') status = r.weighted<OrderStatus>([['filled', 55], ['cancelled', 33], ['expired', 8], ['rejected', 4]]);
    else status = r.weighted<OrderStatus>([['filled', 33], ['cancelled', 50], ['expired', 12], ['rejected', 5]]);
    if (type === 'market' && g.open) type = 'limit';

    const qty = this.quantity(symbol, ref, account, r);
    let q = qty.q;
    let limitT: bigint | null = null;
    let stopT: bigint | null = null;
    if (type === 'limit') limitT = offset(ref, -dir, 0, 120, r);
    if (type === 'stop' || type === 'stop_limit') stopT = offset(ref, dir, 50, 400, r);
    if (type === 'stop_limit') limitT = offset(stopT!, dir, 10, 50, r);

    // How much filled, and at what price.
    const partial = (): bigint => {
      const lotsHeld = q / qty.lot;
      if (lotsHeld < 2n) {
        q *= 10n;
        return qty.lot * BigInt(r.int(1, 9));
      }
      return qty.lot * BigInt(r.int(1, Number(lotsHeld - 1n > 2n ** 52n ? 2n ** 52n : lotsHeld - 1n)));
    };
    let filled = 0n;
    if (status === 'filled') filled = q;
    else if (status === 'partially_filled') filled = partial();
    else if (status === 'cancelled' && r.chance(0.2)) filled = partial();
    else if (status === 'pending_cancel' && r.chance(0.3)) filled = partial();
    else if (status === 'expired' && r.chance(0.15)) filled = partial();
    let avgFill: string | null = null;
    if (filled > 0n) {
      let fillT: bigint;
      if (type === 'market') fillT = max1(mulBps(ref, r.int(-15, 15)));
      else if (type === 'stop') fillT = offset(stopT!, dir, 0, 30, r);
      else fillT = r.chance(0.75) ? limitT! : offset(limitT!, -dir, 0, 10, r);
      // A fill in several pieces averages to more places than the tick.
      avgFill = type !== 'market' && r.chance(0.3) ? fmt(max1(mulBps(fillT * 1000n, r.int(-3, 3))), ps + 3) : fmt(fillT, ps);
    }

    const created = g.t;
    const createdAt = this.iso(created);
    const updated = this.updatedAt(created, type, status, r);
    const brokerOrderId = status === 'new' || (status === 'rejected' && r.chance(0.5)) ? null : this.brokerIds.get(account.accountId)!();
    const clientOrderId = r.chance(0.01) ? null : `${st.spec.name}-${String(++st.clientSeq).padStart(7, '0')}`;
    return {
      orderId: this.orderId(createdAt, seq),
      clientOrderId,
      brokerOrderId,
      accountId: account.accountId,
      strategyId: st.spec.strategyId,
      symbol,
      side,
      type,
      quantity: fmt(q, qty.qs),
      filledQuantity: fmt(filled, qty.qs),
      limitPrice: limitT === null ? null : fmt(limitT, ps),
      stopPrice: stopT === null ? null : fmt(stopT, ps),
      avgFillPrice: avgFill,
      status,
      parentOrderId: null,
      stopOrderId: null,
      takeProfitOrderId: null,
      createdAt,
      updatedAt: this.iso(updated),
    };
  }

  private updatedAt(created: number, type: OrderType, status: OrderStatus, r: Rng): number {
    const clamp = (t: number) => Math.min(this.asOfMs, Math.max(created, t));
    switch (status) {
      case 'new':
        return clamp(created + r.int(0, 2000));
      case 'accepted':
        return clamp(created + r.int(40, 900));
      case 'partially_filled':
        return clamp(created + r.int(1000, Math.max(1000, this.asOfMs - created)));
      case 'pending_cancel':
        return clamp(this.asOfMs - r.int(0, 90_000));
      case 'filled':
        return clamp(created + (type === 'market' ? r.int(30, 900) : r.int(1000, 8 * HOUR)));
      case 'cancelled':
        return clamp(created + r.int(1000, 6 * HOUR));
      case 'expired':
        return clamp(created + r.int(HOUR, 16 * HOUR));
      case 'rejected':
        return clamp(created + r.int(20, 500));
    }
  }

  private bracket(g: Group, st: StrategyRuntime, seq: number, r: Rng): Order[] {
    const account = st.spec.account;
    const symbol = this.pickSymbol(st, r);
    const ps = this.info(symbol).ps;
    const ref = this.priceAt(symbol, g.t, r);
    const entrySide: OrderSide = account.accountType === 'cash' || r.chance(0.75) ? 'buy' : 'sell';
    const exitSide: OrderSide = entrySide === 'buy' ? 'sell' : 'buy';
    const dir = entrySide === 'buy' ? 1 : -1;
    type Outcome = 'tp' | 'sl' | 'cancelled' | 'expired' | 'rejected' | 'working' | 'pending';
    const outcome: Outcome = g.open
      ? g.openKind!
      : r.weighted<Outcome>([['tp', 33], ['sl', 27], ['cancelled', 25], ['expired', 10], ['rejected', 5]]);
    // A market entry fills at once (or is rejected): it is never left working, cancelled or expired.
    const marketOk = outcome === 'tp' || outcome === 'sl' || outcome === 'working' || outcome === 'rejected';
    const parentType: OrderType = marketOk && r.chance(0.3) ? 'market' : 'limit';
    const { q, qs } = this.quantity(symbol, ref, account, r);
    const qty = fmt(q, qs);
    const parentLimit = parentType === 'limit' ? offset(ref, -dir, 0, 80, r) : null;
    const entryFill = parentLimit ?? max1(mulBps(ref, r.int(-15, 15)));
    const stopPx = offset(entryFill, -dir, 150, 500, r);
    const tpPx = offset(entryFill, dir, 200, 800, r);

    const created = g.t;
    const clamp = (t: number) => Math.min(this.asOfMs, Math.max(created, t));
    const entryAt = clamp(created + (parentType === 'market' ? r.int(30, 900) : r.int(60_000, 4 * HOUR)));
    const exitAt = clamp(entryAt + r.int(10 * 60_000, 3 * DAY));

    let parentStatus: OrderStatus;
    let stopStatus: OrderStatus;
    let tpStatus: OrderStatus;
    let parentUpdated = entryAt;
    let childUpdated = exitAt;
    switch (outcome) {
      case 'tp':
        [parentStatus, stopStatus, tpStatus] = ['filled', 'cancelled', 'filled'];
        break;
      case 'sl':
        [parentStatus, stopStatus, tpStatus] = ['filled', 'filled', 'cancelled'];
        break;
      case 'cancelled':
        [parentStatus, stopStatus, tpStatus] = ['cancelled', 'cancelled', 'cancelled'];
        parentUpdated = childUpdated = clamp(created + r.int(1000, 6 * HOUR));
        break;
      case 'expired':
        [parentStatus, stopStatus, tpStatus] = ['expired', 'cancelled', 'cancelled'];
        parentUpdated = childUpdated = clamp(created + r.int(HOUR, 16 * HOUR));
        break;
      case 'rejected':
        [parentStatus, stopStatus, tpStatus] = ['rejected', 'cancelled', 'cancelled'];
        parentUpdated = childUpdated = clamp(created + r.int(20, 500));
        break;
      case 'working':
        [parentStatus, stopStatus, tpStatus] = ['filled', 'accepted', 'accepted'];
        childUpdated = entryAt;
        break;
      case 'pending':
        parentStatus = r.chance(0.2) ? 'new' : 'accepted';
        [stopStatus, tpStatus] = ['new', 'new'];
        parentUpdated = childUpdated = clamp(created + r.int(40, 2000));
        break;
    }
    const createdAt = this.iso(created);
    const ids = [this.orderId(createdAt, seq), this.orderId(createdAt, seq + 1), this.orderId(createdAt, seq + 2)];
    const client = `${st.spec.name}-${String(++st.clientSeq).padStart(7, '0')}`;
    const broker = (status: OrderStatus, held: boolean) =>
      status === 'new' || held || (status === 'rejected' && r.chance(0.5)) ? null : this.brokerIds.get(account.accountId)!();
    const parentBroker = broker(parentStatus, false);
    const base = { accountId: account.accountId, strategyId: st.spec.strategyId, symbol, quantity: qty, createdAt };
    const parent: Order = {
      ...base,
      orderId: ids[0],
      clientOrderId: client,
      brokerOrderId: parentBroker,
      side: entrySide,
      type: parentType,
      filledQuantity: parentStatus === 'filled' ? qty : '0',
      limitPrice: parentLimit === null ? null : fmt(parentLimit, ps),
      stopPrice: null,
      avgFillPrice: parentStatus === 'filled' ? fmt(entryFill, ps) : null,
      status: parentStatus,
      parentOrderId: null,
      stopOrderId: ids[1],
      takeProfitOrderId: ids[2],
      updatedAt: this.iso(parentUpdated),
    };
    // Children of a bracket the broker never accepted stay without broker ids.
    const childrenHeld = parentBroker === null;
    const childUpdatedAt = this.iso(childUpdated);
    const stop: Order = {
      ...base,
      orderId: ids[1],
      clientOrderId: `${client}-sl`,
      brokerOrderId: broker(stopStatus, childrenHeld),
      side: exitSide,
      type: 'stop',
      filledQuantity: stopStatus === 'filled' ? qty : '0',
      limitPrice: null,
      stopPrice: fmt(stopPx, ps),
      avgFillPrice: stopStatus === 'filled' ? fmt(offset(stopPx, -dir, 0, 40, r), ps) : null,
      status: stopStatus,
      parentOrderId: ids[0],
      stopOrderId: null,
      takeProfitOrderId: null,
      updatedAt: childUpdatedAt,
    };
    const tp: Order = {
      ...base,
      orderId: ids[2],
      clientOrderId: `${client}-tp`,
      brokerOrderId: broker(tpStatus, childrenHeld),
      side: exitSide,
      type: 'limit',
      filledQuantity: tpStatus === 'filled' ? qty : '0',
      limitPrice: fmt(tpPx, ps),
      stopPrice: null,
      avgFillPrice: tpStatus === 'filled' ? fmt(tpPx, ps) : null,
      status: tpStatus,
      parentOrderId: ids[0],
      stopOrderId: null,
      takeProfitOrderId: null,
      updatedAt: childUpdatedAt,
    };
    return [parent, stop, tp];
  }

  // -- risk state --

  private buildRisk(r: Rng): void {
    const halted = this.halted;
    for (const spec of this.specs) {
      const cash = this.accountCash.get(spec.accountId)!;
      let value = new Dec(0);
      for (const b of cash) value = value.plus(inst.convert(b.amount, b.currency, spec.baseCurrency) ?? 0);
      for (const st of this.strategies) if (st.spec.account === spec) value = value.plus(st.positionsValue);
      value = value.abs();
      const accountHalted = this.size === 'large' && spec.accountId === HALTED_ACCOUNT;
      const limits = riskLimits(value, '20');
      this.store.putRisk({
        accountId: spec.accountId,
        strategyId: '',
        peakValue: toStored(value.times(10000 + r.int(0, 800)).div(10000), 2),
        dailyStartValue: toStored(value.times(10000 + r.int(-150, 150)).div(10000), 2),
        tradingEnabled: !accountHalted,
        haltReason: accountHalted
          ? `halted by operator after broker errors: 12 consecutive order rejections (EAPI:Rate limit exceeded) since ${this.iso(this.asOfMs - r.int(20, 90) * 60_000)}`
          : null,
        limits,
        updatedAt: this.iso(this.asOfMs - r.int(1000, HOUR)),
      });
      this.counts.riskStates++;
    }
    for (const st of this.strategies) {
      const isHalted = halted.has(st.spec.name);
      if (!isHalted && !r.chance(0.75)) continue;
      const strat = this.store.strategy(st.spec.strategyId)!;
      const value = new Dec(strat.cash).plus(st.positionsValue).abs();
      const limits = riskLimits(value, '12');
      const ccy = st.spec.account.baseCurrency;
      let dailyStart = value.times(10000 + r.int(-120, 120)).div(10000);
      let peak = value.times(10000 + r.int(0, 600)).div(10000);
      let haltReason: string | null = null;
      if (isHalted && st.spec.name === HALTED_STRATEGY) {
        const loss = new Dec(limits.maxDailyLoss).times(10000 + r.int(50, 900)).div(10000);
        dailyStart = value.plus(loss);
        haltReason = `daily loss ${toStored(loss, 2)} ${ccy} exceeded maxDailyLoss ${limits.maxDailyLoss} ${ccy} at ${this.iso(this.asOfMs - r.int(30, 300) * 60_000)}`;
      } else if (isHalted) {
        const dd = new Dec(limits.maxDrawdownPct).plus(r.decimal('0.1', '2.5', 1));
        peak = value.times(100).div(new Dec(100).minus(dd));
        haltReason = `drawdown ${toStored(dd, 1)}% from peak exceeded maxDrawdownPct ${limits.maxDrawdownPct}% at ${this.iso(this.asOfMs - r.int(2, 20) * HOUR)}`;
      }
      const risk: RiskState = {
        accountId: st.spec.account.accountId,
        strategyId: st.spec.strategyId,
        peakValue: toStored(Dec.max(peak, value, dailyStart), 2),
        dailyStartValue: toStored(dailyStart, 2),
        tradingEnabled: !isHalted,
        haltReason,
        limits,
        updatedAt: this.iso(this.asOfMs - r.int(1000, 2 * HOUR)),
      };
      this.store.putRisk(risk);
      this.counts.riskStates++;
    }
  }

  // -- settings and artifacts --

  private buildSettings(): void {
    const settings: [string, unknown][] = [
      ['desk.name', this.size === 'small' ? 'Demo desk' : 'Demo desk (large)'],
      ['desk.reportingCurrency', 'USD'],
      ['checkpoint.autoIntervalSeconds', 60],
      ['checkpoint.staleAfterSeconds', 3600],
      ['checkpoint.retention', { keepLast: 60, keepHourly: 48, keepDaily: 14, keepWeekly: 8, keepMonthly: 12 }],
      ['backup.schedule', { incremental: '* * * * *', differential: '0 */6 * * *', full: '0 2 * * *' }],
      ['backup.retentionDays', { incremental: 7, differential: 30, full: 90 }],
      ['reconciliation.defaultStrategy', 'WARN_ONLY'],
      ['reconciliation.tolerance', { absolute: '0.00000001', relative: '0.0001' }],
      ['tiers.hotMaxBytes', 64 * 1024 * 1024],
      ['simulator.tickIntervalMs', 1000],
    ];
    for (const [key, value] of settings) this.store.setSetting(key, value);
    this.counts.settings = settings.length;
  }

  private buildArtifacts(r: Rng): void {
    const byName = new Map(this.strategies.map((s) => [s.spec.name, s]));
    const put = (name: string, data: Uint8Array, strategyName: string | null, ageMs: number) => {
      const st = strategyName ? byName.get(strategyName) : undefined;
      this.store.putArtifact(name, data, st ? st.spec.strategyId : null, this.iso(this.asOfMs - ageMs));
      this.counts.artifacts++;
    };
    put('btc-momentum-4h/model.onnx', fakeOnnx(r, 6144), 'btc-momentum-4h', 9 * DAY + r.int(0, DAY));
    put('btc-momentum-4h/model.onnx', fakeOnnx(r, 6656), 'btc-momentum-4h', 2 * DAY + r.int(0, DAY));
    put('eth-basis-carry/scaler.bin', randomBytes(r, 2048), 'eth-basis-carry', 5 * DAY + r.int(0, DAY));
    const params = { lookbackBars: 20, entryZ: '2', exitZ: '0.5', universe: ['SPY'], trainedThrough: this.iso(this.asOfMs - 3 * DAY) };
    put('mean-reversion-spy/params.json', new TextEncoder().encode(canonicalJson(params, 2) + '\n'), 'mean-reversion-spy', 3 * DAY);
    put('calendars/exchange-holidays.json', new TextEncoder().encode(canonicalJson(HOLIDAYS, 2) + '\n'), null, 30 * DAY);
    if (this.size === 'large') {
      const extra = r.sample(this.strategies.filter((s) => !NAMED.some((n) => n[0] === s.spec.name)), 8);
      for (const st of extra) {
        const onnx = r.chance(0.6);
        put(`${st.spec.name}/${onnx ? 'model.onnx' : 'weights.bin'}`, onnx ? fakeOnnx(r, r.int(4096, 16384)) : randomBytes(r, r.int(2048, 8192)), st.spec.name, r.int(1, 40) * DAY);
      }
    }
  }
}

const HOLIDAYS = {
  NYSE: ['2025-01-01', '2025-01-20', '2025-02-17', '2025-04-18', '2025-05-26', '2025-06-19', '2025-07-04', '2025-09-01', '2025-11-27', '2025-12-25'],
  LSE: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  XETRA: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-01', '2025-12-24', '2025-12-25', '2025-12-26', '2025-12-31'],
};

function isCatalogued(symbol: string): boolean {
  if (inst.isCryptoSymbol(symbol)) return Object.prototype.hasOwnProperty.call(inst.COINS, inst.splitPair(symbol).base);
  return [inst.US_EQUITIES, inst.EU_EQUITIES, inst.UK_EQUITIES, inst.JP_EQUITIES].some((t) =>
    Object.prototype.hasOwnProperty.call(t, symbol),
  );
}

function riskLimits(value: Dec, drawdownPct: string): Record<string, string> {
  return {
    maxPositionValue: toStored(value.times('0.1'), 0),
    maxDailyLoss: toStored(value.times('0.02'), 0),
    maxDrawdownPct: drawdownPct,
  };
}

const max1 = (x: bigint): bigint => (x < 1n ? 1n : x);

/** ticks × (1 + sign × u), u uniform in [minBps, maxBps] basis points, never below one tick. */
function offset(ticks: bigint, sign: number, minBps: number, maxBps: number, r: Rng): bigint {
  return max1(mulBps(ticks, r.int(minBps, maxBps) * sign));
}

/** Splits `total` by weight, never above a cap per slot. */
function allocate(total: number, weights: number[], caps: number[]): number[] {
  const out = weights.map(() => 0);
  let left = total;
  while (left > 0) {
    const open = out.map((_, i) => i).filter((i) => out[i] < caps[i]);
    if (open.length === 0) throw new LifeboatError('internal', `cannot place ${total} items within the caps`);
    const wsum = open.reduce((s, i) => s + weights[i], 0);
    let given = 0;
    for (const i of open) {
      const share = Math.min(caps[i] - out[i], Math.floor((left * weights[i]) / wsum));
      out[i] += share;
      given += share;
    }
    if (given === 0) {
      for (const i of open) {
        if (given === left) break;
        out[i]++;
        given++;
      }
    }
    left -= given;
  }
  return out;
}

/** Weighted index picking by binary search over cumulative weights. */
class Picker {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(weights: number[]) {
    let t = 0;
    for (const w of weights) this.cumulative.push((t += Math.max(0, w)));
    this.total = t;
    if (!(t > 0)) throw new LifeboatError('internal', 'no strategy can place orders');
  }

  pick(r: Rng): number {
    const x = r.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function randomBytes(r: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const x = r.u32();
    out[i] = x & 0xff;
    if (i + 1 < n) out[i + 1] = (x >>> 8) & 0xff;
    if (i + 2 < n) out[i + 2] = (x >>> 16) & 0xff;
    if (i + 3 < n) out[i + 3] = x >>> 24;
  }
  return out;
}

/** Bytes that start like an ONNX protobuf (ir_version, producer name) followed by seeded weights. */
function fakeOnnx(r: Rng, n: number): Uint8Array {
  const header = new TextEncoder().encode('\x08\x08\x12\x07pytorch\x1a\x052.3.1');
  const out = randomBytes(r, n);
  out.set(header.subarray(0, Math.min(header.length, n)));
  return out;
}
