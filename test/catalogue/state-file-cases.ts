// The bad state files of the catalogue, as data: each is a bot's file with one thing wrong, and
// the fragment its refusal must carry (the JSON path, or what is wrong with the whole file).
// Generated from the two fixture formats by changing one field at a time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FileCase {
  name: string;
  fileName: string;
  content: string;
  /** What the refusal must say: the path of the field, or the file-level problem. */
  fragment: string | RegExp;
}

const FIXTURES = join(__dirname, '../fixtures/import');
const strategy = () => JSON.parse(readFileSync(join(FIXTURES, 'strategy-checkpoint.json'), 'utf8')) as Record<string, any>;
const execution = () => JSON.parse(readFileSync(join(FIXTURES, 'execution-checkpoint.json'), 'utf8')) as Record<string, any>;

const MISSING = Symbol('missing');
type Bad = unknown | typeof MISSING;

/** Sets (or deletes, for MISSING) the value at a path of a fresh copy of the document. */
function mutate(doc: Record<string, any>, path: (string | number)[], value: Bad): Record<string, any> {
  let at: any = doc;
  for (const k of path.slice(0, -1)) at = at[k];
  const last = path[path.length - 1];
  if (value === MISSING) delete at[last];
  else at[last] = value;
  return doc;
}

const show = (v: Bad) => (v === MISSING ? 'missing' : JSON.stringify(v));
const dotted = (path: (string | number)[]) =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : !/^[A-Za-z_]\w*$/.test(k) ? `[${JSON.stringify(k)}]` : i ? `.${k}` : k)).join('');

/** Values no decimal field takes (each is refused with the field's path). */
const BAD_DECIMALS: Bad[] = ['1e400', 'NaN', 'Infinity', '12,5', '1.2.3', '0x10', '', '  7', true, {}, [], '1 000'];
const BAD_IDS: Bad[] = ['', ' padded', 'a\u0000b', 'tab\there', 1.5, true, {}, 'x'.repeat(201)];
const BAD_TIMES: Bad[] = ['yesterday', '2024-13-45T00:00:00Z', true, {}, ''];

function fieldCases(format: string, make: () => Record<string, any>, fileName: string, fields: [(string | number)[], Bad[]][]): FileCase[] {
  const out: FileCase[] = [];
  for (const [path, values] of fields) {
    for (const v of values) {
      out.push({ name: `${format}: ${dotted(path)} = ${show(v).slice(0, 40)}`, fileName, content: JSON.stringify(mutate(make(), path, v)), fragment: dotted(path) });
    }
  }
  return out;
}

const STRATEGY_FIELDS: [(string | number)[], Bad[]][] = [
  [['strategy_name'], ['', ' mr', 'm\u0000r', 42, [], 'x'.repeat(201)]],
  [['timestamp'], [MISSING, ...BAD_TIMES]],
  [['strategy_state'], ['a string', 7, []]],
  [['positions'], ['none', 7, {}]],
  [['positions', 0, 'symbol'], [MISSING, '', 5, 'AA\u0001PL', ' AAPL']],
  [['positions', 0, 'quantity'], [MISSING, ...BAD_DECIMALS]],
  [['positions', 0, 'avg_price'], ['NaN', '-5', '1e400', true]],
  [['pending_orders'], ['none', {}]],
  [['pending_orders', 0, 'order_id'], [MISSING, ...BAD_IDS]],
  [['pending_orders', 0, 'side'], [MISSING, 'hold', 5]],
  [['pending_orders', 0, 'order_type'], ['iceberg', 3]],
  [['pending_orders', 0, 'quantity'], [MISSING, '0', '-5', ...BAD_DECIMALS.slice(0, 6)]],
  [['pending_orders', 0, 'price'], ['NaN', '-195', 'cheap']],
  [['pending_orders', 0, 'created_at'], ['not a time', {}]],
  [['pending_orders', 1, 'status'], ['exploded']],
  [['pending_orders', 1, 'filled_quantity'], ['NaN', '-1', '11']],
  [['pending_orders', 0, 'client_order_id'], ['', 'c\u0007']],
  [['cash_balance'], [MISSING, ...BAD_DECIMALS.slice(0, 8)]],
];

const EXECUTION_FIELDS: [(string | number)[], Bad[]][] = [
  [['version'], [999, 'v-from-the-future-42', 0, -1, 2.5]],
  [['simulator_id'], ['', 'g\u0000', {}]],
  [['checkpoint_timestamp'], ['soon', true]],
  [['account_id'], ['', 'acc\u0000']],
  [['cash'], ['NaN', '1e400', '12,5']],
  [['initial_cash'], [MISSING, 'NaN', true]],
  [['positions'], [[], 'x']],
  [['positions', 'BTC/USDT'], ['NaN', '1e400', true, {}]],
  [['pending_orders', 0, 'order_id'], [MISSING, '', 'g\u0001']],
  [['pending_orders', 0, 'quantity'], ['NaN', '-1', '0']],
  [['completed_orders', 0, 'status'], ['open', 'exploded']],
  [['completed_orders'], ['none']],
  [['peak_value'], [MISSING, 'NaN']],
  [['daily_start_value'], [MISSING, '1e400']],
  [['trading_enabled'], [MISSING, 'yes', 1]],
];

/** Problems with the file as a whole. */
const WHOLE_FILE: FileCase[] = [
  { name: 'an empty file', fileName: 'empty.json', content: '', fragment: 'the file is empty' },
  { name: 'only spaces', fileName: 'spaces.json', content: '   \n ', fragment: 'the file is empty' },
  { name: 'not JSON', fileName: 'text.json', content: 'strategy: mr\npositions: []', fragment: 'not valid JSON' },
  { name: 'truncated', fileName: 'cut.json', content: JSON.stringify(strategy()).slice(0, 200), fragment: 'truncated' },
  { name: 'a top-level array', fileName: 'array.json', content: '[]', fragment: 'the top level is an array' },
  { name: 'a top-level number', fileName: 'number.json', content: '42', fragment: 'the top level is the number 42' },
  { name: 'a top-level string', fileName: 'string.json', content: '"hello"', fragment: 'not an object' },
  { name: 'neither format', fileName: 'other.json', content: JSON.stringify({ name: 'x', items: [] }), fragment: 'nor an execution checkpoint' },
  { name: 'nested 5,000 deep', fileName: 'deep.json', content: '{"positions": ' + '['.repeat(5000) + ']'.repeat(5000) + '}', fragment: 'nests deeper than' },
  { name: 'a duplicate key', fileName: 'dup.json', content: '{"strategy_name": "a", "strategy_name": "b"}', fragment: /duplicate|strategy_name/ },
  { name: 'an unknown top-level field', fileName: 'extra.json', content: JSON.stringify({ ...strategy(), surprise: 1 }), fragment: 'surprise' },
  {
    name: 'two pending orders with one id',
    fileName: 'dup-orders.json',
    content: JSON.stringify(mutate(strategy(), ['pending_orders', 1, 'order_id'], 'ord-1001')),
    fragment: 'ord-1001',
  },
  { name: 'a bare NaN number', fileName: 'nan.json', content: JSON.stringify(strategy()).replace('"cash_balance":"25310.750"', '"cash_balance":NaN'), fragment: 'not valid JSON' },
  { name: 'a trailing comma', fileName: 'comma.json', content: '{"strategy_name": "mr",}', fragment: 'not valid JSON' },
  { name: 'a comment', fileName: 'comment.json', content: '// mine\n' + JSON.stringify(strategy()), fragment: 'not valid JSON' },
];

export const STATE_FILE_CASES: FileCase[] = [
  ...WHOLE_FILE,
  ...fieldCases('strategy checkpoint', strategy, 'strategy.json', STRATEGY_FIELDS),
  ...fieldCases('execution checkpoint', execution, 'execution.json', EXECUTION_FIELDS),
];
