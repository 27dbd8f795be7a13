// The RFC 4180 reader on its own: records, fields and the physical line each record starts on.
import { describe, expect, it } from 'vitest';
import { CsvRecords, sniffDelimiter, type CsvDelimiter } from '../../../../electron/engine/reconcile/importers/csv-records';

function records(text: string, delimiter: CsvDelimiter = ','): [number, string[]][] {
  const r = new CsvRecords(text, delimiter, 'f.csv');
  const out: [number, string[]][] = [];
  for (let rec = r.next(); rec; rec = r.next()) out.push([rec.line, rec.fields]);
  return out;
}

describe('CsvRecords', () => {
  it('reads LF, CRLF, a BOM and a missing final newline alike', () => {
    const expected = [
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ];
    expect(records('a,b\n1,2\n')).toEqual(expected);
    expect(records('\uFEFFa,b\r\n1,2\r\n')).toEqual(expected);
    expect(records('a,b\r\n1,2')).toEqual(expected);
  });

  it('unquotes fields with embedded delimiters, doubled quotes and newlines, counting physical lines', () => {
    const text = 'id,note\r\n1,"a, b"\r\n2,"say ""hi"""\r\n3,"two\r\nlines"\r\n4, "spaced" \r\n5,\r\n';
    expect(records(text)).toEqual([
      [1, ['id', 'note']],
      [2, ['1', 'a, b']],
      [3, ['2', 'say "hi"']],
      [4, ['3', 'two\r\nlines']],
      [6, ['4', 'spaced']],
      [7, ['5', '']],
    ]);
  });

  it('keeps an empty line as one empty field (the importer skips it)', () => {
    expect(records('a\n\nb\n')).toEqual([
      [1, ['a']],
      [2, ['']],
      [3, ['b']],
    ]);
  });

  it('sniffs the delimiter from the first line, ignoring quoted text', () => {
    expect(sniffDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(sniffDelimiter('a\tb\n')).toBe('\t');
    expect(sniffDelimiter('"x;y;z",b\n')).toBe(',');
    expect(sniffDelimiter('abc\n')).toBe(',');
  });
});
