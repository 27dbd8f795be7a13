// Generic CSV with a column mapping → BrokerSnapshot. Pure (text in, snapshot out) so it can run
// in a worker; one pass over the text, progress every 2 %. Every problem names the file, the
// physical line a record starts on and the column; the first 50 are kept, all are counted.
import type { BrokerSnapshot, CsvMapping } from '../../../../shared/api/reconcile';
import { LifeboatError } from '../../../../shared/result';
import { CsvBook } from './csv-book';
import { CsvCells, CsvProblems } from './csv-cells';
import { resolveColumns, type CsvColumns } from './csv-columns';
import { CSV_KIND_NAMES, csvKind } from './csv-kinds';
import { checkMapping } from './csv-mapping';
import { CsvRecords, sniffDelimiter, type CsvRecord } from './csv-records';
import { readCashRow, readOrderRow, readPositionRow } from './csv-rows';
import { Progress, type ProgressCallback } from './progress';

export interface CsvImportOptions {
  mapping?: CsvMapping;
  /** The account for rows without one, after the mapping's defaultAccount (the CLI's --account). */
  accountId?: string;
  onProgress?: ProgressCallback;
}

export function parseCsvSnapshot(fileName: string, text: string, options: CsvImportOptions = {}): BrokerSnapshot {
  const mapping = options.mapping === undefined ? undefined : checkMapping(options.mapping, fileName);
  const records = new CsvRecords(text, mapping?.delimiter ?? sniffDelimiter(text), fileName);
  const first = nextFilled(records);
  if (!first) throw new LifeboatError('bad_request', 'the file is empty', fileName);
  const columns = resolveColumns(mapping, first, fileName);
  const defaultAccount = mapping?.defaultAccount?.trim() || options.accountId?.trim() || null;
  checkColumns(columns, mapping !== undefined, first, defaultAccount, `${fileName}:${first.line}`);

  const problems = new CsvProblems(fileName);
  const cells = new CsvCells(columns, problems);
  const book = new CsvBook(columns.index.kind !== undefined);
  if (columns.index.account === undefined) book.account(defaultAccount!);
  const progress = new Progress(options.onProgress);
  let n = 0;
  for (let rec = columns.hasHeader ? nextFilled(records) : first; rec; rec = nextFilled(records)) {
    if ((++n & 0x3ff) === 0) progress.at(records.offset, text.length);
    cells.rec = rec;
    if (rec.fields.length !== columns.width) {
      const hint = records.delimiter === ',' ? ' (a "," inside an unquoted value, like 1,234.50?)' : '';
      const against = columns.hasHeader ? 'the header has' : `line ${first.line} has`;
      problems.add(rec.line, 'row', `has ${rec.fields.length} fields but ${against} ${columns.width}${hint}`);
      continue;
    }
    readRow(cells, book, defaultAccount);
  }
  problems.throwIfAny();
  const accounts = book.accountsSnapshot();
  if (accounts.every((a) => a.positions === null && a.orders === null && a.cash === null)) {
    throw new LifeboatError('bad_request', 'the file has no data rows, so it reports nothing', fileName);
  }
  return { format: 'csv', fileName, asOf: null, accounts };
}

function readRow(cells: CsvCells, book: CsvBook, defaultAccount: string | null): void {
  const kindCell = cells.cell('kind');
  const kind = cells.mapped('kind') ? (kindCell === null ? null : csvKind(kindCell)) : 'position';
  if (kind === null) {
    const got = kindCell === null ? 'it is empty' : `got ${JSON.stringify(kindCell)}`;
    return void cells.fail('kind', `expected one of ${CSV_KIND_NAMES.join(', ')}; ${got}`);
  }
  const accountId = cells.cell('account') ?? defaultAccount;
  if (accountId === null) return void cells.fail('account', 'empty, and no default account was given (--account or mapping.defaultAccount)');
  if (accountId.length > 200) return void cells.fail('account', 'is longer than 200 characters');
  const account = book.account(accountId);
  book.sawKind(kind);
  if (kind === 'position') {
    const p = readPositionRow(cells);
    if (p) book.addPosition(cells, account, p);
  } else if (kind === 'order') {
    const o = readOrderRow(cells);
    if (o) book.addOrder(cells, account, o);
  } else {
    const c = readCashRow(cells);
    if (c) book.addCash(cells, account, c);
  }
}

/** Refuses, before reading any row, a file whose rows could not be positions or could not say whose they are. */
function checkColumns(columns: CsvColumns, mapped: boolean, first: CsvRecord, defaultAccount: string | null, where: string): void {
  const { index } = columns;
  if (index.kind === undefined && (index.symbol === undefined || index.quantity === undefined)) {
    const missing = (['symbol', 'quantity'] as const).filter((f) => index[f] === undefined).join(' or ');
    const header = first.fields.map((f) => JSON.stringify(f.length > 40 ? f.slice(0, 40) + '…' : f)).join(', ');
    throw new LifeboatError(
      'bad_request',
      mapped
        ? `the mapping has no ${missing} column: map it (a header name or a 1-based number), or map a kind column`
        : `no column mapping was given and the header (${header}) has no ${missing} column; give a column mapping`,
      where,
    );
  }
  if (index.account === undefined && defaultAccount === null) {
    throw new LifeboatError('bad_request', 'the file names no account: map an account column, set defaultAccount in the mapping, or choose the account it belongs to (--account on the command line)', where);
  }
}

/** The next record that is not blank (an empty line, or nothing but delimiters). */
function nextFilled(records: CsvRecords): CsvRecord | null {
  for (let rec = records.next(); rec; rec = records.next()) {
    if (rec.fields.some((f) => f.trim() !== '')) return rec;
  }
  return null;
}
