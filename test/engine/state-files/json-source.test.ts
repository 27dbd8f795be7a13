import { describe, expect, it } from 'vitest';
import { isLosslessNumber } from 'lossless-json';
import { formatPath, MAX_JSON_DEPTH, parseJsonSource, toPlainJson, whereOf } from '../../../electron/engine/state-files/json-source';
import { normaliseTimestamp } from '../../../electron/engine/state-files/timestamps';
import { LifeboatError } from '../../../shared/result';

function syntaxError(text: string): LifeboatError {
  try {
    parseJsonSource('f.json', text);
  } catch (err) {
    expect(err).toBeInstanceOf(LifeboatError);
    return err as LifeboatError;
  }
  throw new Error('expected a syntax error');
}

describe('parseJsonSource', () => {
  it('keeps the exact text of numbers', () => {
    const src = parseJsonSource('f.json', '{"q": 0.123456789012345678, "big": 123456789012345678901234567890}');
    const root = src.root as Record<string, unknown>;
    expect(isLosslessNumber(root.q) && root.q.value).toBe('0.123456789012345678');
    expect(isLosslessNumber(root.big) && root.big.value).toBe('123456789012345678901234567890');
  });

  it('turns a syntax error into bad_request at file:line:col', () => {
    const err = syntaxError('{\n  "a": 1,\n  "b": [1, 2,, 3]\n}');
    expect(err.code).toBe('bad_request');
    expect(err.where).toBe('f.json:3:14');
    expect(err.reason).toMatch(/^not valid JSON: /);
  });

  it('says a file that ends early may be truncated', () => {
    const err = syntaxError('{\n  "a": [1, 2');
    expect(err.where).toBe('f.json:2:13');
    expect(err.reason).toMatch(/truncated/);
  });

  it('refuses an empty file and duplicate keys', () => {
    expect(syntaxError('  \n').reason).toBe('not valid JSON: the file is empty');
    const dup = syntaxError('{"a": 1,\n "a": 2}');
    expect(dup.reason).toMatch(/Duplicate key 'a'/);
    expect(dup.where).toMatch(/^f\.json:2:/);
  });

  it('says when a file nests too deep, and where, rather than a parser running out of stack (#15 point 12)', () => {
    const deep = '{"positions": ' + '['.repeat(5000) + ']'.repeat(5000) + '}';
    expect(() => parseJsonSource('deep.json', deep)).toThrow(
      expect.objectContaining({ code: 'bad_request', reason: `the JSON nests deeper than ${MAX_JSON_DEPTH} levels; Lifeboat reads state and broker files up to that depth`, where: `deep.json:1:${14 + MAX_JSON_DEPTH}` }),
    );
    // Brackets inside strings are text, not nesting; a file at the limit is read.
    expect(parseJsonSource('ok.json', JSON.stringify({ note: '['.repeat(5000) })).root).toBeTruthy();
    expect(() => parseJsonSource('edge.json', '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).not.toThrow();
  });

  it('accepts a byte-order mark and counts columns as an editor shows them', () => {
    expect(syntaxError('\uFEFF{"a" 1}').where).toBe('f.json:1:6');
  });

  it('locates a JSON path in the text', () => {
    const src = parseJsonSource('f.json', '{\n  "positions": [\n    {"symbol": "A"},\n    {"symbol": "B", "quantity": "1"}\n  ]\n}');
    expect(whereOf(src, ['positions', 1, 'quantity'])).toBe('f.json:4:33');
    // A missing member points at the object that lacks it.
    expect(whereOf(src, ['positions', 0, 'quantity'])).toBe('f.json:3:5');
  });

  it('formats paths the way a person reads them', () => {
    expect(formatPath(['positions', 3, 'quantity'])).toBe('positions[3].quantity');
    expect(formatPath(['positions', 'BTC/USDT'])).toBe('positions["BTC/USDT"]');
    expect(formatPath([])).toBe('(top level)');
  });

  it('keeps numbers a float cannot hold as their exact text in free-form documents', () => {
    const src = parseJsonSource('f.json', '{"a": 1.5, "b": 0.123456789012345678, "c": [1e400, 7]}');
    expect(toPlainJson(src.root)).toEqual({ a: 1.5, b: '0.123456789012345678', c: ['1e400', 7] });
  });
});

describe('timestamps', () => {
  it.each([
    ['2024-03-15T14:30:00Z', '2024-03-15T14:30:00.000Z'],
    ['2024-03-15T14:30:00.250+01:00', '2024-03-15T13:30:00.250Z'],
    ['2024-03-15 14:30:00.123456', '2024-03-15T14:30:00.123Z'],
    ['2024-03-15', '2024-03-15T00:00:00.000Z'],
    ['1710513000', '2024-03-15T14:30:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseTimestamp(input)).toBe(expected);
  });

  it('reads epoch seconds and milliseconds from JSON numbers exactly', () => {
    const root = parseJsonSource('f.json', '[1710513000, 1710513000.5, 1710513000123]').root as unknown[];
    expect(root.map(normaliseTimestamp)).toEqual([
      '2024-03-15T14:30:00.000Z',
      '2024-03-15T14:30:00.500Z',
      '2024-03-15T14:30:00.123Z',
    ]);
  });

  it.each(['2024-02-30T00:00:00Z', 'yesterday', '2024-03-15T25:00:00Z', '1e400', '-5', ''])('refuses %j', (input) => {
    expect(normaliseTimestamp(input)).toBeNull();
  });
});
