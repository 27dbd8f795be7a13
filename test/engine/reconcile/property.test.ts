import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { generateDesk } from '../../../electron/engine/demo/generate-desk';
import { simulate } from '../../../electron/engine/demo/simulate';
import { createRng } from '../../../electron/engine/demo/rng';
import { loadLocalBook } from '../../../electron/engine/reconcile/local-sources';
import { matchSnapshot } from '../../../electron/engine/reconcile/match';
import { exactSnapshot } from '../../../electron/engine/demo/broker-snapshots/exact';
import { plant } from '../../../electron/engine/demo/broker-snapshots/plant';
import { writeIbkrFlex } from '../../../electron/engine/demo/broker-snapshots/ibkr-writer';
import { parseBrokerFile } from '../../../electron/engine/reconcile/importers';
import { tempDir } from '../../support/temp-state';

const key = (x: { accountId: string; kind: string; symbol: string | null; orderRef: string | null }) =>
  `${x.accountId} ${x.kind} ${['order_status_mismatch', 'orphaned_order', 'outcome_unknown', 'external_order'].includes(x.kind) ? x.orderRef : x.symbol}`;

describe('reconciliation properties', () => {
  it('a snapshot taken from our own books finds nothing, and each planted difference is found exactly once', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const engine = Engine.open({ stateDir: join(tempDir(), `desk-${seed}`), mode: 'write', purpose: 'test', create: true });
      try {
        generateDesk(engine.store, { size: 'small', seed, asOf: '2026-11-20T21:00:00.000Z' });
        let clock = Date.parse('2026-11-21T09:00:00.000Z');
        simulate(engine.store, { ticks: 20 * seed, seed }, () => new Date((clock += 1000)).toISOString());
        const book = loadLocalBook(engine, 'live');
        const exact = exactSnapshot(book);
        const snapshot = { format: 'lifeboat' as const, fileName: 'own.json', asOf: null, accounts: exact };
        expect(matchSnapshot(book, snapshot, new Map(), {}), `seed ${seed}`).toEqual([]);

        const rng = createRng(seed, 'property');
        const localOrderIds = new Map(book.orders.map((o) => [o.clientOrderId ?? o.orderId, o.orderId]));
        const planted = exact.map((a) =>
          plant(a, rng, { closedOrders: seed % 2 === 0, isCrypto: engine.store.account(a.accountId)!.kind === 'crypto', known: book.knownSymbols.get(a.accountId)!, localOrderIds }),
        );
        const found = matchSnapshot(book, { ...snapshot, accounts: planted.map((p) => p.account) }, new Map(), {});
        expect(found.map(key).sort(), `seed ${seed}`).toEqual(planted.flatMap((p) => p.planted).map(key).sort());

        // The same through an IBKR Flex statement of the equities accounts, written and read back as a file:
        // our own books find nothing, and each planted position and cash difference is found exactly once.
        const equities = exact.filter((a) => engine.store.account(a.accountId)!.kind === 'equities');
        const base = (id: string) => engine.store.account(id)!.baseCurrency;
        const flex = (accounts: typeof exact) => parseBrokerFile({ fileName: 'flex.xml', text: writeIbkrFlex(accounts, '2026-11-21T09:00:00.000Z', base) });
        expect(matchSnapshot(book, flex(equities), new Map(), {}), `seed ${seed} flex`).toEqual([]);
        const flexPlanted = equities.map((a) => plant(a, rng, { closedOrders: false, orders: false, isCrypto: false, known: book.knownSymbols.get(a.accountId)!, localOrderIds }));
        const flexFound = matchSnapshot(book, flex(flexPlanted.map((p) => p.account)), new Map(), {});
        expect(flexFound.map(key).sort(), `seed ${seed} flex`).toEqual(flexPlanted.flatMap((p) => p.planted).map(key).sort());
        expect(flexFound.length, `seed ${seed} flex`).toBeGreaterThan(0);
      } finally {
        await engine.close();
      }
    }
  });
});
