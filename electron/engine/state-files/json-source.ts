// A JSON file as read from a bot: parsed without losing number precision (numbers arrive as
// LosslessNumber whose `.value` is the raw text), and able to say where a path is in the text.
import { isLosslessNumber, isSafeNumber, parse } from 'lossless-json';
import { LifeboatError } from '../../../shared/result';
import { lineColAt, offsetOfPath, type JsonPath } from './json-locate';

export type { JsonPath } from './json-locate';
export { formatPath } from './json-locate';

export interface JsonSource {
  fileName: string;
  text: string;
  /** The parsed tree: objects, arrays, strings, booleans, null and LosslessNumber. */
  root: unknown;
}

/**
 * How deep a state or broker file may nest. Real files nest a handful of levels; a parser given
 * thousands runs out of stack and says so in its own words, so deeper files are refused first.
 */
export const MAX_JSON_DEPTH = 256;

/** The offset of the bracket that opens nesting level MAX_JSON_DEPTH + 1, or -1 (strings skipped). */
function tooDeepAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string, escapes included.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

/** Parses JSON text; a syntax error becomes bad_request "not valid JSON: …" at file:line:col. */
export function parseJsonSource(fileName: string, input: string): JsonSource {
  // A byte-order mark is not JSON; editors hide it, so columns are counted without it.
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (text.trim() === '') throw new LifeboatError('bad_request', 'not valid JSON: the file is empty', fileName);
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    throw new LifeboatError('bad_request', `the JSON nests deeper than ${MAX_JSON_DEPTH} levels; Lifeboat reads state and broker files up to that depth`, whereAtOffset(fileName, text, deep));
  }
  let root: unknown;
  try {
    root = parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const m = /position (\d+)/.exec(message);
    const what = message.replace(/\s*(encountered )?at position \d+$/, '');
    const where = m ? whereAtOffset(fileName, text, Number(m[1])) : fileName;
    const truncated = what.includes('reached end of input') ? ' (is the file truncated?)' : '';
    throw new LifeboatError('bad_request', `not valid JSON: ${what}${truncated}`, where);
  }
  return { fileName, text, root };
}

/** `file:line:col` of the value at `path` (or of the nearest enclosing value that exists). */
export function whereOf(src: JsonSource, path: JsonPath): string {
  return whereAtOffset(src.fileName, src.text, offsetOfPath(src.text, path));
}

function whereAtOffset(fileName: string, text: string, offset: number): string {
  const { line, col } = lineColAt(text, offset);
  return `${fileName}:${line}:${col}`;
}

export const isJsonObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isLosslessNumber(v);

/** What kind of JSON value this is, for messages. */
export function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (isLosslessNumber(v)) return `the number ${v.value}`;
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'boolean') return String(v);
  return 'an object';
}

/**
 * A free-form JSON document (strategy state, simulator config) as plain values for storage.
 * Numbers that a JavaScript number holds exactly stay numbers; any other number (an 18-decimal
 * quantity, a huge integer) is kept as its exact text in a string, so nothing is lost.
 */
export function toPlainJson(v: unknown): unknown {
  if (isLosslessNumber(v)) return isSafeNumber(v.value) ? Number(v.value) : v.value;
  if (Array.isArray(v)) return v.map(toPlainJson);
  if (isJsonObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, value] of Object.entries(v)) {
      Object.defineProperty(out, k, { value: toPlainJson(value), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}
