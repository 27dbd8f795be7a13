// The demo desk's market: real tickers and coins with plausible reference prices, a static FX
// table, and the rules a broker would apply (price ticks, lot sizes, the currency of a symbol).
// Prices are decimal strings; a symbol the catalog does not know gets a stable price derived from
// a hash of its name, so the generator and the simulator always agree on it.
import { Dec, toStored } from '../../../shared/decimal';
import { fnv1a } from './rng';

export type Market = 'US' | 'EU' | 'UK' | 'JP' | 'CRYPTO';

/** US-listed stocks and ETFs, USD. */
export const US_EQUITIES: Readonly<Record<string, string>> = {
  AAPL: '189.84', MSFT: '415.5', NVDA: '875.28', AMZN: '178.22', GOOGL: '152.26', META: '493.5', TSLA: '175.79',
  SPY: '510.5', QQQ: '438.27', IWM: '205.1', DIA: '389.9', KO: '60.12', PEP: '168.44', JPM: '195.3', BAC: '35.4',
  XOM: '118.7', CVX: '156.2', JNJ: '158.1', PG: '161.7', V: '280.9', MA: '470.1', UNH: '492.3', HD: '380.6',
  DIS: '112.4', NFLX: '610.2', AMD: '178.6', INTC: '42.8', CSCO: '49.9', ORCL: '125.3', CRM: '301.7', ADBE: '505.2',
  AVGO: '1280.5', TXN: '172.4', QCOM: '169.9', COST: '725.8', WMT: '60.1', MCD: '281.3', NKE: '98.6', SBUX: '88.5',
  BA: '190.2', CAT: '350.1', GE: '160.8', MMM: '92.4', IBM: '190.9', GS: '395.6', MS: '89.7', C: '61.2', WFC: '56.8',
  T: '17.1', VZ: '40.3', PFE: '27.6', MRK: '128.4', ABBV: '179.2', LLY: '770.5', TMO: '570.3', GLD: '200.1',
  TLT: '93.2', XLF: '40.9', XLE: '94.3', XLK: '208.7', UBER: '76.4', PLTR: '24.3', SHOP: '77.8', COIN: '245.6',
  PYPL: '64.2', AMAT: '205.4',
};

/** Continental European listings, EUR. */
export const EU_EQUITIES: Readonly<Record<string, string>> = {
  'SAP.DE': '172.5', 'SIE.DE': '176.2', 'ALV.DE': '262.4', 'DTE.DE': '22.45', 'BAS.DE': '49.8', 'ASML.AS': '880.4',
  'MC.PA': '835.2', 'AIR.PA': '160.3', 'OR.PA': '440.1', 'SAN.PA': '88.6', 'BNP.PA': '64.3', 'TTE.PA': '64.9',
};

/** London listings, GBP. */
export const UK_EQUITIES: Readonly<Record<string, string>> = {
  'VOD.L': '0.7012', 'HSBA.L': '6.42', 'BP.L': '4.95', 'AZN.L': '105.8', 'ULVR.L': '40.15', 'SHEL.L': '26.3',
  'GSK.L': '16.9', 'LLOY.L': '0.5234', 'BARC.L': '1.912', 'RIO.L': '52.4', 'TSCO.L': '2.958', 'REL.L': '34.12',
};

/** Tokyo listings, JPY, traded in lots of 100 shares. */
export const JP_EQUITIES: Readonly<Record<string, string>> = {
  '7203.T': '3520', '6758.T': '13250', '9984.T': '8900', '8306.T': '1580', '6861.T': '62300', '9432.T': '180',
  '7974.T': '8050', '8035.T': '36500', '6501.T': '13900', '4063.T': '6250',
};

/** Coins, priced in USD. */
export const COINS: Readonly<Record<string, string>> = {
  BTC: '64250.5', ETH: '3150.25', SOL: '145.32', BNB: '585.1', XRP: '0.5234', ADA: '0.4512', DOGE: '0.1534',
  AVAX: '35.42', DOT: '6.98', LINK: '14.25', MATIC: '0.7123', LTC: '82.15', TRX: '0.1201', UNI: '7.85',
  ATOM: '8.42', XLM: '0.1102', NEAR: '5.92', APT: '8.95', ARB: '1.05', OP: '2.45', FIL: '5.8', ICP: '12.1',
  ETC: '26.3', AAVE: '92.5', MKR: '2850', INJ: '25.4', SUI: '1.02', TIA: '9.8', PEPE: '0.00000852',
  SHIB: '0.00002412', WIF: '2.85', FET: '2.15', RNDR: '8.9', GRT: '0.271', ALGO: '0.182', HBAR: '0.095',
  VET: '0.0345', SAND: '0.441', MANA: '0.452', CRV: '0.472',
};

/** USD per one unit of a currency (approximate, static). */
export const FX_USD: Readonly<Record<string, string>> = {
  USD: '1',
  USDT: '1',
  USDC: '1',
  EUR: '1.085',
  GBP: '1.271',
  JPY: '0.0067',
  CHF: '1.112',
  BTC: COINS.BTC,
  ETH: COINS.ETH,
};

/** Quote currencies a crypto pair may use. */
const QUOTES = ['USDT', 'USDC', 'USD', 'EUR', 'GBP', 'BTC', 'ETH'];

export function isCryptoSymbol(symbol: string): boolean {
  return symbol.includes('/');
}

export function splitPair(symbol: string): { base: string; quote: string } {
  const [base, quote] = symbol.split('/');
  return { base, quote };
}

export function marketOf(symbol: string): Market {
  if (isCryptoSymbol(symbol)) return 'CRYPTO';
  if (symbol.endsWith('.T')) return 'JP';
  if (symbol.endsWith('.L')) return 'UK';
  if (/\.(DE|PA|AS|MI|MC)$/.test(symbol)) return 'EU';
  return 'US';
}

/** The currency a symbol is priced and settled in. */
export function instrumentCurrency(symbol: string): string {
  switch (marketOf(symbol)) {
    case 'CRYPTO':
      return splitPair(symbol).quote;
    case 'JP':
      return 'JPY';
    case 'UK':
      return 'GBP';
    case 'EU':
      return 'EUR';
    default:
      return 'USD';
  }
}

/** Decimal places of a symbol's price tick; stable for a symbol (taken from its reference price). */
export function priceScale(symbol: string): number {
  switch (marketOf(symbol)) {
    case 'JP':
      return 0;
    case 'UK':
      return 4;
    case 'CRYPTO': {
      const { base, quote } = splitPair(symbol);
      const fx = FX_USD[quote];
      return priceScaleFor(quote, fx ? coinUsd(base).div(fx) : coinUsd(base));
    }
    default:
      return 2;
  }
}

/** Decimal places of a symbol's order quantity (lot step); JP stocks trade in lots of 100. */
export function quantityScale(symbol: string): number {
  if (!isCryptoSymbol(symbol)) return 0;
  const usd = coinUsd(splitPair(symbol).base);
  if (usd.gte(1000)) return 5;
  if (usd.gte(10)) return 3;
  if (usd.gte('0.1')) return 1;
  return 0;
}

/** The smallest order quantity step, as a multiple of 10^-quantityScale (100 for Tokyo). */
export function lotMultiple(symbol: string): number {
  return marketOf(symbol) === 'JP' ? 100 : 1;
}

function coinUsd(coin: string): Dec {
  const known = COINS[coin];
  if (known) return new Dec(known);
  // Unknown coin: a mantissa 1.000–9.999 times 10^e, e in [-5, 1], both from the name's hash.
  const h = fnv1a(coin);
  const mantissa = new Dec(1000 + (h % 9000)).div(1000);
  const exponent = ((h >>> 16) % 7) - 5;
  return mantissa.times(new Dec(10).pow(exponent));
}

/** The reference price of a symbol in its own currency (catalog, or a stable hash-derived price). */
export function referencePrice(symbol: string): string {
  const market = marketOf(symbol);
  if (market === 'CRYPTO') {
    const { base, quote } = splitPair(symbol);
    const fx = FX_USD[quote];
    const usd = coinUsd(base);
    const inQuote = fx ? usd.div(fx) : usd;
    return toStored(inQuote, priceScaleFor(quote, inQuote));
  }
  const table = { US: US_EQUITIES, EU: EU_EQUITIES, UK: UK_EQUITIES, JP: JP_EQUITIES }[market];
  const known = table[symbol];
  if (known) return known;
  const h = fnv1a(symbol);
  switch (market) {
    case 'JP':
      return toStored(new Dec(100 + (h % 19900)), 0);
    case 'UK':
      return toStored(new Dec(5000 + (h % 500000)).div(10000), 4);
    default:
      return toStored(new Dec(500 + (h % 49500)).div(100), 2);
  }
}

function priceScaleFor(quote: string, p: Dec): number {
  if (quote === 'BTC' || quote === 'ETH') return 8;
  if (p.gte(100)) return 2;
  if (p.gte(1)) return 4;
  if (p.gte('0.01')) return 6;
  return 8;
}

/** Converts an amount between currencies through USD; null when a rate is unknown. */
export function convert(amount: Dec | string, from: string, to: string): Dec | null {
  if (from === to) return new Dec(amount);
  const a = FX_USD[from];
  const b = FX_USD[to];
  if (!a || !b) return null;
  return new Dec(amount).times(a).div(b);
}

export function isKnownQuote(currency: string): boolean {
  return QUOTES.includes(currency);
}

/** Real symbols of a market, in catalog order; crypto pairs against the given quotes. */
export function catalogSymbols(market: Market, quotes: readonly string[] = ['USDT']): string[] {
  switch (market) {
    case 'US':
      return Object.keys(US_EQUITIES);
    case 'EU':
      return Object.keys(EU_EQUITIES);
    case 'UK':
      return Object.keys(UK_EQUITIES);
    case 'JP':
      return Object.keys(JP_EQUITIES);
    case 'CRYPTO': {
      const out: string[] = [];
      for (const q of quotes) for (const c of Object.keys(COINS)) if (c !== q) out.push(`${c}/${q}`);
      return out;
    }
  }
}
