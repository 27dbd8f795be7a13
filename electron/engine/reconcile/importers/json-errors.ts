// A JSON syntax error that is really a number JSON cannot hold (NaN, Infinity, as Python's json
// module writes them) is worth saying in those words, with the field it was written for.
import { LifeboatError } from '../../../../shared/result';
import { parseJsonSource, type JsonSource } from '../../state-files/json-source';

export function parseBrokerJson(fileName: string, text: string): JsonSource {
  try {
    return parseJsonSource(fileName, text);
  } catch (err) {
    throw err instanceof LifeboatError ? explain(err, text) : err;
  }
}

function explain(err: LifeboatError, input: string): LifeboatError {
  const m = /:(\d+):(\d+)$/.exec(err.where ?? '');
  if (!m) return err;
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const offset = offsetOf(text, Number(m[1]), Number(m[2]));
  const word = /^\s*(-?(?:NaN|Infinity|nan|inf))\b/.exec(text.slice(offset, offset + 20))?.[1];
  if (!word) return err;
  const key = /"((?:[^"\\]|\\.)*)"\s*:\s*$/.exec(text.slice(Math.max(0, offset - 200), offset))?.[1];
  const field = key === undefined ? '' : `"${key}": `;
  return new LifeboatError('bad_request', `not valid JSON: ${field}${word} is not a number (JSON has no ${word}; write the value, or leave the field out)`, err.where);
}

/** Character offset of a 1-based line and column. */
function offsetOf(text: string, line: number, col: number): number {
  let at = 0;
  for (let l = 1; l < line && at !== -1; l++) at = text.indexOf('\n', at) + 1;
  return at + col - 1;
}
