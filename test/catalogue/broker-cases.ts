// The bad broker files of the catalogue, as data: the fixtures of test/fixtures/broker/bad, and
// the desk's own demo snapshot (Lifeboat's format) and CSV with one thing wrong at a time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BrokerCase {
  name: string;
  fileName: string;
  /** Built from the desk's demo-broker folder (or a fixture), when the desk exists. */
  content: (demoBroker: string) => string;
  /** What the refusal must name. */
  fragment: string | RegExp;
  /** false: a file inspect may read (it says what is in it) that a run must refuse (e.g. an account this desk lacks). */
  inspect?: false;
}

const BAD = join(__dirname, '../fixtures/broker/bad');

/** Each bad fixture must be refused naming the file. */
const FIXTURE_CASES: BrokerCase[] = readdirSync(BAD).map((f) => ({ name: `fixture ${f}`, fileName: f, content: () => readFileSync(join(BAD, f), 'utf8'), fragment: f }));

const snapshot = (demo: string) => JSON.parse(readFileSync(join(demo, 'lifeboat.json'), 'utf8')) as { accounts: Record<string, any>[] } & Record<string, any>;

function json(name: string, change: (s: ReturnType<typeof snapshot>) => void, fragment: string | RegExp): BrokerCase {
  return {
    name: `lifeboat snapshot: ${name}`,
    fileName: 'lifeboat.json',
    content: (demo) => {
      const s = snapshot(demo);
      change(s);
      return JSON.stringify(s);
    },
    fragment,
  };
}

const JSON_CASES: BrokerCase[] = [
  json('an unknown format', (s) => (s.format = 'someone-else'), /format/),
  json('a version from the future', (s) => (s.version = 99), /version/),
  json('accounts not a list', (s) => (s.accounts = {} as never), 'accounts'),
  json('an account without an id', (s) => delete s.accounts[0].accountId, 'accountId'),
  { ...json('an account this desk does not have', (s) => (s.accounts[0].accountId = 'acct-elsewhere'), 'acct-elsewhere'), inspect: false },
  json('a position without a symbol', (s) => delete s.accounts[0].positions[0].symbol, 'symbol'),
  json('a position quantity NaN', (s) => (s.accounts[0].positions[0].quantity = 'NaN'), 'quantity'),
  json('a position quantity with an exponent', (s) => (s.accounts[0].positions[0].quantity = '1e3'), 'quantity'),
  json('a position quantity with a thousands comma', (s) => (s.accounts[0].positions[0].quantity = '1,000'), 'quantity'),
  json('a position quantity that is a float number', (s) => (s.accounts[0].positions[0].quantity = true), 'quantity'),
  json('an average price that is negative', (s) => (s.accounts[0].positions[0].avgPrice = '-3'), 'avgPrice'),
  json('a symbol with a control character', (s) => (s.accounts[0].positions[0].symbol = 'AA\u0000PL'), 'control character'),
  json('the same symbol twice', (s) => s.accounts[0].positions.push({ ...s.accounts[0].positions[0] }), /AAPL|twice|more than once|duplicate/),
  json('an order side that is neither', (s) => (s.accounts[0].orders[0].side = 'hold'), 'side'),
  json('an order status that does not exist', (s) => (s.accounts[0].orders[0].status = 'exploded'), 'status'),
  json('an order quantity of zero', (s) => (s.accounts[0].orders[0].quantity = '0'), 'quantity'),
  json('filled more than ordered', (s) => (s.accounts[0].orders[0].filledQuantity = '99999999'), /filled/),
  json('an order with no ids at all', (s) => {
    delete s.accounts[0].orders[0].brokerOrderId;
    delete s.accounts[0].orders[0].clientOrderId;
  }, /OrderId|order id/),
  json('a broker order id twice', (s) => (s.accounts[0].orders[1].brokerOrderId = s.accounts[0].orders[0].brokerOrderId), /brokerOrderId|twice|duplicate|more than once/),
  json('cash in an unknown currency', (s) => (s.accounts[0].cash[0].currency = 'DOGECOINZ'), 'currency'),
  json('cash amount NaN', (s) => (s.accounts[0].cash[0].amount = 'NaN'), 'amount'),
  json('an asOf that is not a time', (s) => (s.asOf = 'last tuesday'), 'asOf'),
];

/** The demo CSV's first data row by column: account, kind, symbol, quantity, ... */
const COLUMN = { account: 0, kind: 1, symbol: 2, quantity: 3 } as const;

function csv(name: string, change: (lines: string[], set: (column: keyof typeof COLUMN, value: string) => void) => void, fragment: string | RegExp, inspect?: false): BrokerCase {
  return {
    name: `broker CSV: ${name}`,
    fileName: 'broker.csv',
    content: (demo) => {
      const lines = readFileSync(join(demo, 'broker.csv'), 'utf8').split('\n');
      const set = (column: keyof typeof COLUMN, value: string) => {
        const cells = lines[1].split(',');
        cells[COLUMN[column]] = value;
        lines[1] = cells.join(',');
      };
      change(lines, set);
      return lines.join('\n');
    },
    fragment,
    ...(inspect === false ? { inspect } : {}),
  };
}

const CSV_CASES: BrokerCase[] = [
  csv('a row of an unknown kind', (_l, set) => set('kind', 'spaceship'), 'spaceship'),
  csv('a quantity that is not a number', (_l, set) => set('quantity', 'lots'), /quantity/),
  csv('a quantity with an exponent', (_l, set) => set('quantity', '1e5'), /quantity/),
  csv('a row with too many cells', (l) => (l[1] = l[1] + ',extra,cells'), /fields/),
  csv('an unclosed quote', (_l, set) => set('symbol', '"AAPL'), /quote/),
  csv('no header', (l) => l.shift(), /column|header|mapping/),
  csv('only a header', (l) => l.splice(1), /no rows|empty|nothing/),
  csv('a symbol with a control character', (_l, set) => set('symbol', 'AA\u0007PL'), 'control character'),
  csv('an account the desk does not have', (_l, set) => set('account', 'acct-elsewhere'), 'acct-elsewhere', false),
];

export const BROKER_CASES: BrokerCase[] = [...FIXTURE_CASES, ...JSON_CASES, ...CSV_CASES];
