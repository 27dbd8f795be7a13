// A NUL or another control character inside a symbol or an id is refused with the field named, on
// every way in: API payloads, state files and broker files (#15 point 14). Nothing is stored.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { demoDesk } from '../support/demo-desk';

const desk = () => demoDesk(3);

const auditCount = (e: Engine) => e.store.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get();

describe('control characters in names and ids', () => {
  it('are refused in an API payload, naming the field', async () => {
    const e = desk();
    const account = e.store.accounts()[0].accountId;
    await expect(e.call('symbols.set', { accountId: account, brokerSymbol: 'BTC\u0000USD', symbol: 'BTC/USD' })).rejects.toMatchObject({
      code: 'bad_request',
      reason: 'contains a control character (U+0000) at position 4',
      where: 'symbols.set brokerSymbol',
    });
    await expect(e.call('checkpoints.create', { type: 'manual', label: 'before\u001b[2Jthe open' })).rejects.toMatchObject({ where: 'checkpoints.create label' });
    expect(await e.call('symbols.list', { accountId: account })).toEqual([]);
  });

  it('are refused in a state file, naming the JSON path and line, and nothing is written', async () => {
    const e = desk();
    const before = auditCount(e);
    const content = readFileSync(join(import.meta.dirname, '../fixtures/import/strategy-checkpoint.json'), 'utf8').replace('"order_id": "ord-1001"', '"order_id": "ord-\\u00001001"');
    await expect(e.call('state.import', { fileName: 'sc.json', content, accountId: e.store.accounts()[0].accountId })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/pending_orders\[0\]\.order_id: contains a control character \(U\+0000\) at position 5/),
    });
    expect(auditCount(e)).toBe(before);
  });

  it('are refused in a CSV broker file, naming the line and the column', async () => {
    const e = desk();
    const account = e.store.accounts()[0].accountId;
    const csv = `type,account,symbol,quantity\nposition,${account},AAPL\u0007,10\n`;
    await expect(e.call('reconcile.inspect', { fileName: 'broker.csv', content: csv })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/broker\.csv:2.*symbol.*contains a control character \(U\+0007\) at position 5/),
    });
  });
});
