// `lifeboat demo` also writes broker snapshots of its desk in every format, each with a known set
// of planted differences (listed in planted.json), into <state>/demo-broker/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrokerAccountSnapshot, BrokerFormat } from '../../../../shared/api/reconcile';
import { canonicalJson } from '../../../../shared/canonical-json';
import { writeFileAtomic } from '../../store/atomic-file';
import { createRng } from '../rng';
import type { DeskContext } from '../../runtime/context';
import { loadLocalBook } from '../../reconcile/local-sources';
import { exactSnapshot } from './exact';
import { writeIbkrFlex } from './ibkr-writer';
import { plant, type Planted, type PlantOptions } from './plant';
import { writeAlpaca, writeCcxt, writeCsv, writeLifeboat } from './writers';

export const DEMO_BROKER_FOLDER = 'demo-broker';

export interface PlantedFile {
  format: BrokerFormat;
  file: string;
  mapping: string | null;
  accounts: string[];
  planted: Planted[];
}

export function writeDemoSnapshots(desk: DeskContext, seed: number, asOf: string): PlantedFile[] {
  const book = loadLocalBook(desk, 'live');
  const exact = exactSnapshot(book);
  const accounts = desk.store.accounts();
  const dir = join(desk.paths.dir, DEMO_BROKER_FOLDER);
  mkdirSync(dir, { recursive: true });
  const localOrderIds = new Map(book.orders.map((o) => [o.clientOrderId ?? o.orderId, o.orderId]));
  const rng = createRng(seed, 'demo-broker');
  const plantAll = (format: BrokerFormat, which: BrokerAccountSnapshot[], closedOrders: boolean, more: Pick<PlantOptions, 'orders'> = {}) => {
    const r = rng.fork(format);
    const planted: Planted[] = [];
    const out = which.map((a) => {
      const account = accounts.find((x) => x.accountId === a.accountId)!;
      const p = plant(a, r, { closedOrders, isCrypto: account.kind === 'crypto', known: book.knownSymbols.get(a.accountId) ?? new Set(), localOrderIds, ...more });
      planted.push(...p.planted);
      return p.account;
    });
    return { out, planted };
  };
  const files: PlantedFile[] = [];
  const write = (name: string, text: string) => writeFileAtomic(join(dir, name), text);

  const crypto = exact.filter((a) => accounts.find((x) => x.accountId === a.accountId)?.kind === 'crypto');
  if (crypto.length) {
    // CCXT's fetchOpenOrders lists open orders only: a filled order cannot be shown there.
    const { out, planted } = plantAll('ccxt', crypto, false);
    write('ccxt.json', writeCcxt(out, Date.parse(asOf)));
    files.push({ format: 'ccxt', file: 'ccxt.json', mapping: null, accounts: out.map((a) => a.accountId), planted });
  }
  const alpaca = exact.find((a) => accounts.find((x) => x.accountId === a.accountId)?.broker === 'Alpaca');
  if (alpaca) {
    const { out, planted } = plantAll('alpaca', [alpaca], true);
    const currency = accounts.find((x) => x.accountId === alpaca.accountId)!.baseCurrency;
    write('alpaca.json', writeAlpaca(out[0], currency));
    files.push({ format: 'alpaca', file: 'alpaca.json', mapping: null, accounts: [alpaca.accountId], planted });
  }
  {
    const { out, planted } = plantAll('csv', exact, true);
    const { csv, mapping } = writeCsv(out);
    write('broker.csv', csv);
    write('broker-mapping.json', mapping);
    files.push({ format: 'csv', file: 'broker.csv', mapping: 'broker-mapping.json', accounts: out.map((a) => a.accountId), planted });
  }
  {
    const { out, planted } = plantAll('lifeboat', exact, true);
    write('lifeboat.json', writeLifeboat(out, asOf));
    files.push({ format: 'lifeboat', file: 'lifeboat.json', mapping: null, accounts: out.map((a) => a.accountId), planted });
  }
  const equities = exact.filter((a) => accounts.find((x) => x.accountId === a.accountId)?.kind === 'equities');
  if (equities.length) {
    // Last, so the formats before it keep the planted differences they always had (the forks share one stream).
    // A Flex statement of every equities account (the desk's IBKR account on the large desk): positions and
    // cash only, as Flex lists executions, not working orders.
    const { out, planted } = plantAll('ibkr-flex', equities, false, { orders: false });
    write('ibkr-flex.xml', writeIbkrFlex(out, asOf, (id) => accounts.find((x) => x.accountId === id)!.baseCurrency));
    files.push({ format: 'ibkr-flex', file: 'ibkr-flex.xml', mapping: null, accounts: out.map((a) => a.accountId), planted });
  }
  write('planted.json', canonicalJson({ seed, asOf, files }, 2) + '\n');
  return files;
}
