// Which broker format a file is: by content first (JSON members, the XML root, a CSV header), by
// file name extension only when the content does not say.
import type { BrokerFormat } from '../../../../shared/api/reconcile';
import { ALPACA_SECTIONS } from './alpaca';
import { bareArrayKind, CCXT_SECTIONS, isBareBalance } from './ccxt';
import { IBKR_ROOT } from './ibkr';
import { peekJsonShape, type JsonShape } from './json-peek';
import { LIFEBOAT_FORMAT } from './lifeboat';

export interface Detection {
  format: BrokerFormat | null;
  /** Why this format, or what each format needs when none fits. */
  reason: string;
}

export const FORMAT_NEEDS =
  `CCXT needs ${CCXT_SECTIONS.join(', ')} (or "accounts" of them, or one of them bare); ` +
  `Alpaca needs ${ALPACA_SECTIONS.join(', ')}; ` +
  `IBKR Flex needs an XML <${IBKR_ROOT}>; ` +
  `Lifeboat needs "format": "${LIFEBOAT_FORMAT}"; ` +
  'CSV needs a header line of delimited column names';

/** Keys only a bot's state file has: it is imported with `lifeboat state import`, not reconciled. */
const STATE_FILE_KEYS = ['strategy_name', 'simulator_id', 'pending_orders', 'cash_balance', 'checkpoint_timestamp'];

export function detectBrokerFormat(fileName: string, text: string): Detection {
  const start = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
  if (start.includes('\u0000')) return { format: null, reason: `a binary file, not a broker snapshot (${FORMAT_NEEDS})` };
  if (start.startsWith('{') || start.startsWith('[')) return classifyJson(peekJsonShape(text));
  if (start.startsWith('<')) return classifyXml(start);
  if (looksDelimited(start)) return { format: 'csv', reason: 'delimited text with a header line' };
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'tsv') return { format: 'csv', reason: `the file name ends in .${ext}` };
  const what = start === '' ? 'the file is empty' : `it starts with ${JSON.stringify(start.slice(0, 20))}`;
  return { format: null, reason: `neither JSON, XML nor CSV: ${what} (${FORMAT_NEEDS})` };
}

/** The broker format of an XML document, from its root element (past the declaration and comments). */
export function classifyXml(start: string): Detection {
  const root = /^(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.:-]*)/.exec(start)?.[1];
  if (root === IBKR_ROOT) return { format: 'ibkr-flex', reason: `an XML <${IBKR_ROOT}> (an IBKR Flex statement)` };
  if (root === 'FlexStatementResponse') {
    return { format: null, reason: "the Flex Web Service's reply to a request, not a statement: fetch the statement itself and reconcile that" };
  }
  const what = root === undefined ? 'its root element is not in its first 4 KB' : `its root is <${root}>`;
  return { format: null, reason: `an XML document, but ${what}; the XML Lifeboat reads is an IBKR Flex statement (<${IBKR_ROOT}>) (${FORMAT_NEEDS})` };
}

/** The broker format of a JSON document, from its top-level members. */
export function classifyJson(shape: JsonShape): Detection {
  if (shape.top === 'array') {
    const bare = bareArrayKind(shape.firstItemKeys);
    if (bare) return { format: 'ccxt', reason: `a bare ${bare} array, as ccxt returns it` };
    const what = shape.emptyArray ? 'an empty array does not say what it lists' : 'its items are neither ccxt positions nor ccxt orders';
    return { format: null, reason: `the top level is an array and ${what}; wrap it in an object that names what it holds (${FORMAT_NEEDS})` };
  }
  if (shape.top !== 'object') return { format: null, reason: `the top level is not an object (${FORMAT_NEEDS})` };
  const has = (keys: readonly string[], within = shape.keys) => keys.filter((k) => within.includes(k));
  if (shape.format === LIFEBOAT_FORMAT) return { format: 'lifeboat', reason: `"format" is "${LIFEBOAT_FORMAT}"` };
  if (shape.format !== null) {
    return { format: null, reason: `"format" is ${JSON.stringify(shape.format)}, not a broker snapshot (${FORMAT_NEEDS})` };
  }
  const ccxt = has(CCXT_SECTIONS);
  if (ccxt.length) return { format: 'ccxt', reason: `has ${ccxt.join(', ')}` };
  const ccxtAccounts = shape.kinds.accounts === 'object' ? has(CCXT_SECTIONS, shape.firstAccountKeys) : [];
  if (ccxtAccounts.length) return { format: 'ccxt', reason: `has accounts with ${ccxtAccounts.join(', ')}` };
  if (isBareBalance(shape.keys)) return { format: 'ccxt', reason: 'a bare fetchBalance result (total, free, used), as ccxt returns it' };
  if (has(STATE_FILE_KEYS).length) {
    return { format: null, reason: `a bot's state file (it has ${has(STATE_FILE_KEYS).join(', ')}); import it with "lifeboat state import", not as a broker snapshot` };
  }
  // Alpaca's account is an object; CCXT's "account" is the account's name.
  const alpaca = ALPACA_SECTIONS.filter((k) => shape.kinds[k] === (k === 'account' ? 'object' : 'array'));
  if (alpaca.length) return { format: 'alpaca', reason: `has ${alpaca.join(', ')}` };
  const found = shape.keys.length ? `it has ${shape.keys.slice(0, 8).join(', ')}${shape.keys.length > 8 ? ', …' : ''}` : 'it is an empty object';
  return { format: null, reason: `not a broker snapshot: ${found} (${FORMAT_NEEDS})` };
}

/** A first line of at least two short delimited cells: column names, or a row of data. Prose is not. */
function looksDelimited(start: string): boolean {
  const line = start.split(/\r?\n/, 1)[0].replace(/"([^"]*)"/g, (_, inner: string) => inner.replace(/[,;\t]/g, ' '));
  const delimiter = [',', ';', '\t'].find((d) => line.includes(d));
  if (!delimiter) return false;
  return line.split(delimiter).every((cell) => cell.trim().length <= 48 && (cell.trim().match(/ /g)?.length ?? 0) <= 4);
}
