// Our books from a Freqtrade database (tradesv3.sqlite): open trades become one strategy's
// positions, its open orders our open orders, its closed orders our closed ones. Freqtrade keeps no
// balances, so cash is not covered from this side.
//
// The bot's database is never opened where it lies: even a read-only SQLite connection makes a
// `-shm` (and may leave a `-wal`) beside it. It is copied with its `-wal` into a scratch folder and
// read there — the bot's folder stays exactly as it was, a read-only folder is no obstacle, and a
// WAL being written meanwhile is read up to its last whole commit (each WAL frame is checksummed).
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { canonical, decimalProblem } from '../../../shared/decimal';
import { LifeboatError } from '../../../shared/result';
import type { DeskContext } from '../runtime/context';
import { closedOrdersFrom } from './closed-orders';
import { makeBook, type LocalBook, type LocalOrder, type LocalPosition } from './local-book';

/** Freqtrade's closed order statuses ("closed" is filled), in ours. */
function closedStatus(status: unknown): string {
  const s = String(status ?? '').toLowerCase();
  if (s === 'closed' || s === 'filled') return 'filled';
  if (s === 'expired' || s === 'rejected') return s;
  return 'cancelled';
}

/** Freqtrade keeps floats in SQLite; their shortest round-trip text is the exact value it meant. */
function ftDecimal(value: unknown, where: string): string {
  const text = typeof value === 'number' ? String(value) : String(value ?? '0');
  const plain = /e/i.test(text) ? expandExponent(text) : text;
  const problem = decimalProblem(plain);
  if (problem) throw new LifeboatError('bad_request', problem, where);
  return canonical(plain);
}

function expandExponent(text: string): string {
  // Tiny or huge floats print with an exponent (1e-7); write them out in plain digits.
  const [mantissa, exp] = text.toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const point = (mantissa.replace('-', '').indexOf('.') === -1 ? mantissa.replace('-', '').length : mantissa.replace('-', '').indexOf('.')) + Number(exp);
  const body = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? '-' : '') + body.replace(/^0+(?=\d)/, '');
}

/**
 * The one answer for any path that is not a readable Freqtrade database — missing, a folder,
 * unreadable, not SQLite, or SQLite of another shape — so that naming paths (in browser mode, over
 * the API) tells nothing about which files exist.
 */
const notFreqtrade = (path: string) => new LifeboatError('bad_request', 'not a Freqtrade database (a readable SQLite file with tables trades and orders)', path);

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The scratch copy of a Freqtrade database, and what the copy said about the original. */
interface Copied {
  db: Database.Database;
  scratch: string;
  notes: string[];
}

/** Copies `path` (and its `-wal`) aside and opens the copy, once it is a regular file that starts as SQLite does. */
function copyFreqtrade(path: string): Copied {
  try {
    if (!statSync(path).isFile()) throw notFreqtrade(path);
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const fd = openSync(path, 'r');
    try {
      readSync(fd, header, 0, header.length, 0);
    } finally {
      closeSync(fd);
    }
    if (!header.equals(SQLITE_HEADER)) throw notFreqtrade(path);
  } catch {
    throw notFreqtrade(path);
  }
  const notes: string[] = [];
  const wal = `${path}-wal`;
  // A -shm with no -wal: the bot's write-ahead log, which may hold every trade since its last
  // checkpoint, is gone (copied without it, deleted by hand): the book read is older than the bot's.
  if (existsSync(`${path}-shm`) && !existsSync(wal)) {
    notes.push(`WARNING: ${path}-shm is there but ${basename(wal)} is gone: the bot's write-ahead log was lost, and with it possibly every trade since its last checkpoint. These books may be older than the bot's.`);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'lifeboat-freqtrade-'));
  try {
    const copy = join(scratch, 'tradesv3.sqlite');
    copyFileSync(path, copy);
    if (existsSync(wal)) copyFileSync(wal, `${copy}-wal`);
    const db = new Database(copy, { fileMustExist: true });
    try {
      const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
      if (!tables.has('trades') || !tables.has('orders')) throw notFreqtrade(path);
      return { db, scratch, notes };
    } catch (err) {
      db.close();
      throw err;
    }
  } catch (err) {
    rmSync(scratch, { recursive: true, force: true });
    throw damaged(err, path);
  }
}

/** SQLite's own words for a file that starts as SQLite but cannot be read, with the file named. */
function damaged(err: unknown, path: string): unknown {
  if (err instanceof LifeboatError) return err;
  const code = (err as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new LifeboatError('bad_request', `the Freqtrade database is damaged (SQLite says: ${(err as Error).message}); nothing was read from it`, path);
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code === 'ENOSPC' || code === 'EACCES') {
    return new LifeboatError('bad_request', `the Freqtrade database could not be read (${(err as Error).message})`, path);
  }
  return err;
}

export function freqtradeBook(desk: DeskContext, path: string, accountId?: string): LocalBook {
  const account = accountId ? desk.store.account(accountId) : desk.store.accounts()[0];
  if (!account) throw new LifeboatError('bad_request', `name the account these Freqtrade trades belong to (--account on the command line)`, path);
  const { db, scratch, notes } = copyFreqtrade(path);
  try {
    const columns = new Set((db.pragma('table_info(trades)') as { name: string }[]).map((c) => c.name));
    const trades = db.prepare(`SELECT * FROM trades WHERE is_open = 1 ORDER BY id`).all() as Record<string, unknown>[];
    const positions = new Map<string, LocalPosition>();
    for (const t of trades) {
      const where = `${path}: trades id ${t.id}`;
      const strategyId = `freqtrade-${String(t.strategy ?? 'strategy')}`;
      const symbol = String(t.pair);
      const amount = ftDecimal(t.amount, `${where} amount`);
      const signed = columns.has('is_short') && t.is_short ? canonical(`-${amount}`.replace('--', '')) : amount;
      const prev = positions.get(symbol);
      if (prev) {
        throw new LifeboatError('bad_request', `two open trades for ${symbol}; Lifeboat keeps one position per symbol and strategy`, where);
      }
      positions.set(symbol, { accountId: account.accountId, strategyId, symbol, quantity: signed, avgPrice: ftDecimal(t.open_rate, `${where} open_rate`) });
    }
    const order = (o: Record<string, unknown>, status: string): LocalOrder => {
      const where = `${path}: orders id ${o.id}`;
      return {
        accountId: account.accountId,
        strategyId: 'freqtrade',
        orderId: `ft-${o.id}`,
        clientOrderId: null,
        brokerOrderId: o.order_id === null || o.order_id === undefined ? null : String(o.order_id),
        symbol: String(o.ft_pair ?? o.symbol),
        side: String(o.side ?? o.ft_order_side) === 'sell' ? 'sell' : 'buy',
        quantity: ftDecimal(o.amount, `${where} amount`),
        filledQuantity: ftDecimal(o.filled ?? 0, `${where} filled`),
        limitPrice: o.price === null || o.price === undefined ? null : ftDecimal(o.price, `${where} price`),
        status,
      };
    };
    const rows = (open: 0 | 1) => db.prepare(`SELECT * FROM orders WHERE ft_is_open = ? ORDER BY id`).all(open) as Record<string, unknown>[];
    const orders = rows(1).map((o) => order(o, 'accepted'));
    const closed = rows(0).map((o) => order(o, closedStatus(o.status)));
    const book = makeBook(`freqtrade:${path}`, [account], [...positions.values()], orders, closedOrdersFrom(closed), [], []);
    return { ...book, cashCovered: false, notes: [...notes, 'Freqtrade keeps no balances: cash is not covered by this reconciliation.'] };
  } catch (err) {
    throw damaged(err, path);
  } finally {
    db.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
