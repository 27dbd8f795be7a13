// A bot's state file → a validated, normalised ParsedStateFile. Pure: no database, no file system.
// Detects which of the two formats it is, then validates all of it; every problem names the file,
// the JSON path and the line, and nothing is returned unless the whole file is good.
import { LifeboatError } from '../../../shared/result';
import { readExecutionCheckpoint } from './checkpoint-execution';
import { readStrategyCheckpoint } from './checkpoint-strategy';
import { FieldReader } from './json-fields';
import { isJsonObject, jsonKind, parseJsonSource } from './json-source';
import type { ParsedStateFile, StateFileFormat } from './state-file-types';

export type * from './state-file-types';

/** The keys that identify each format (the rest are checked once the format is known). */
const SIGNATURES: Record<StateFileFormat, readonly string[]> = {
  'strategy-checkpoint': ['strategy_name', 'positions', 'pending_orders', 'cash_balance'],
  'execution-checkpoint': ['version', 'simulator_id', 'checkpoint_timestamp', 'cash', 'positions', 'pending_orders'],
};

const LABEL: Record<StateFileFormat, string> = {
  'strategy-checkpoint': 'a strategy checkpoint',
  'execution-checkpoint': 'an execution checkpoint',
};

export function parseStateFile(fileName: string, text: string): ParsedStateFile {
  refuseXml(fileName, text);
  const src = parseJsonSource(fileName, text);
  const format = detectFormat(src.root, fileName);
  const r = new FieldReader(src);
  const doc = src.root as Record<string, unknown>;
  const parsed = format === 'strategy-checkpoint' ? readStrategyCheckpoint(r, doc) : readExecutionCheckpoint(r, doc);
  r.throwIfAny();
  if (!parsed) throw new LifeboatError('internal', 'the state file was refused without a reason', fileName);
  return { ...parsed, warnings: r.warnings };
}

/** State files are JSON; an XML file is most likely a broker's statement (IBKR Flex), said in those words. */
function refuseXml(fileName: string, text: string): void {
  const start = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('<')) return;
  const reason = /<FlexQueryResponse[\s>/]/.test(start)
    ? 'an IBKR Flex statement is a broker statement, not a bot\'s state file: compare it with our books with `lifeboat reconcile --broker FILE`'
    : 'an XML document, not a bot\'s state file (state files are JSON: a strategy or an execution checkpoint)';
  throw new LifeboatError('bad_request', reason, fileName);
}

/** Which format a parsed document is; bad_request naming what is missing when it is neither. */
export function detectFormat(root: unknown, fileName: string): StateFileFormat {
  const neither =
    `not ${LABEL['strategy-checkpoint']} (needs ${SIGNATURES['strategy-checkpoint'].join(', ')}) ` +
    `nor ${LABEL['execution-checkpoint']} (needs ${SIGNATURES['execution-checkpoint'].join(', ')})`;
  if (!isJsonObject(root)) {
    throw new LifeboatError('bad_request', `${neither}: the top level is ${jsonKind(root)}, not an object`, fileName);
  }
  const missing = (f: StateFileFormat) => SIGNATURES[f].filter((k) => root[k] === undefined || root[k] === null);
  // The execution checkpoint is the more specific shape (it may carry any config key, even strategy_name).
  if (missing('execution-checkpoint').length === 0) return 'execution-checkpoint';
  if (missing('strategy-checkpoint').length === 0) return 'strategy-checkpoint';
  const share = (f: StateFileFormat) => 1 - missing(f).length / SIGNATURES[f].length;
  const closer: StateFileFormat =
    share('execution-checkpoint') > share('strategy-checkpoint') ? 'execution-checkpoint' : 'strategy-checkpoint';
  const hint = share(closer) > 0 ? `; closest is ${LABEL[closer]}, which lacks ${missing(closer).join(', ')}` : '';
  throw new LifeboatError('bad_request', neither + hint, fileName);
}
