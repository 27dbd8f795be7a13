// Broker files → BrokerSnapshot. Pure: text in, snapshot out, no database and no file system,
// so the caller can run it in a worker thread. Nothing is returned unless the whole file is good;
// every refusal is bad_request naming the file, the line (CSV) or line:col and JSON / XML path, and the field.
import type { BrokerFormat, BrokerSnapshot, CsvMapping } from '../../../../shared/api/reconcile';
import { LifeboatError } from '../../../../shared/result';
import { readAlpacaSnapshot } from './alpaca';
import { readCcxtSnapshot } from './ccxt';
import { readIbkrSnapshot } from './ibkr';
import { parseCsvSnapshot } from './csv';
import { classifyJson, detectBrokerFormat } from './detect';
import { parseBrokerJson } from './json-errors';
import { shapeOfRoot } from './json-peek';
import { readLifeboatSnapshot } from './lifeboat';
import { countItems } from './json-sections';
import { ItemProgress, type ProgressCallback } from './progress';
import { parseXmlSource } from './xml-source';
import { repeatedClientIdNotes } from './duplicates';

export { describeCoverage } from './coverage';
export { detectBrokerFormat, type Detection } from './detect';
export { writeLifeboatSnapshot } from './lifeboat';
export { KNOWN_CURRENCIES } from './currencies';
export { isoToFlexTime } from './ibkr-time';

export interface BrokerFileInput {
  fileName: string;
  text: string;
  /** Skips detection; the file must still be of this format. */
  format?: BrokerFormat;
  /** CSV only; without one the header's own names are used (symbol, quantity, avg_price, ...). */
  mapping?: CsvMapping;
  /** The account for a file that names none. */
  accountId?: string;
  /** 0..1, rising: CSV as it reads; JSON 0.6 once parsed (the parse cannot report), then per item; XML 0.6 once parsed. */
  onProgress?: ProgressCallback;
}

export function parseBrokerFile(input: BrokerFileInput): BrokerSnapshot {
  const { fileName, text, onProgress } = input;
  onProgress?.(0);
  const json = looksLikeJson(text);
  const xml = !json && looksLikeXml(text);
  if (xml && input.format !== undefined && input.format !== 'ibkr-flex') {
    const detected = detectBrokerFormat(fileName, text).format;
    throw new LifeboatError('bad_request', `the file is ${detected ? LABEL[detected] : 'an XML document'}, not ${LABEL[input.format]}`, fileName);
  }
  if (!xml && input.format === 'ibkr-flex') {
    throw new LifeboatError('bad_request', `the file is ${json ? 'JSON' : 'not XML'}, not ${LABEL['ibkr-flex']} (an XML document with <FlexQueryResponse>)`, fileName);
  }
  const format = input.format ?? (json || xml ? undefined : csvOrRefuse(fileName, text));
  let snapshot: BrokerSnapshot;
  if (xml) {
    const src = parseXmlSource(fileName, text);
    onProgress?.(JSON_PARSED);
    snapshot = readIbkrSnapshot(src);
  } else if (format === 'csv') {
    if (json) throw new LifeboatError('bad_request', 'the file is JSON, not CSV', fileName);
    snapshot = parseCsvSnapshot(fileName, text, { mapping: input.mapping, accountId: input.accountId, onProgress });
  } else {
    const src = parseBrokerJson(fileName, text);
    // The lossless parse cannot report as it goes; it is most of the work, so it counts as 60 %.
    onProgress?.(JSON_PARSED);
    const detected = classifyJson(shapeOfRoot(src.root));
    if (format !== undefined && detected.format !== null && detected.format !== format) {
      throw new LifeboatError('bad_request', `the file is ${LABEL[detected.format]} (${detected.reason}), not ${LABEL[format]}`, fileName);
    }
    const chosen = format ?? detected.format;
    if (chosen === null || chosen === 'csv' || chosen === 'ibkr-flex') throw new LifeboatError('bad_request', detected.reason, fileName);
    const options = { accountId: input.accountId, progress: new ItemProgress(onProgress, countItems(src.root), JSON_PARSED, 1) };
    snapshot = chosen === 'ccxt' ? readCcxtSnapshot(src, options) : chosen === 'alpaca' ? readAlpacaSnapshot(src, options) : readLifeboatSnapshot(src, options);
  }
  const repeated = repeatedClientIdNotes(snapshot.accounts);
  if (repeated.length) snapshot = { ...snapshot, notes: [...(snapshot.notes ?? []), ...repeated] };
  onProgress?.(1);
  return snapshot;
}

const JSON_PARSED = 0.6;

const LABEL: Record<BrokerFormat, string> = {
  ccxt: 'a CCXT snapshot',
  alpaca: 'an Alpaca snapshot',
  'ibkr-flex': 'an IBKR Flex statement',
  csv: 'a CSV',
  lifeboat: 'a Lifeboat snapshot',
};

/** An XML declaration or an element first: IBKR Flex (or XML of another kind, refused by name). */
function looksLikeXml(text: string): boolean {
  return text.slice(0, 1024).replace(/^\uFEFF/, '').trimStart().startsWith('<');
}

function looksLikeJson(text: string): boolean {
  const start = text.slice(0, 1024).replace(/^\uFEFF/, '').trimStart();
  return start.startsWith('{') || start.startsWith('[');
}

/** A file that is not JSON must be CSV, by its content or its extension; else a refusal that says why. */
function csvOrRefuse(fileName: string, text: string): 'csv' | undefined {
  const detected = detectBrokerFormat(fileName, text);
  if (detected.format === 'csv') return 'csv';
  // A .json file that is not JSON: let the JSON parser say where it breaks.
  if (/\.json$/i.test(fileName) && text.trim() !== '') return undefined;
  throw new LifeboatError('bad_request', detected.reason, fileName);
}
