import { describe, expect, it } from 'vitest';
import { parseMappingFile } from '../../renderer/src/pages/reconciliation/model/csv';

describe('a mapping file loaded on the page', () => {
  it('is refused when its symbols send two broker symbols of one account to one desk symbol, naming both', () => {
    const many = parseMappingFile('{"symbols":{"acct-b":{"BTC-USD":"BTC/USD"},"acct-a":{"XBT-USD":"BTC/USD","BTC-USD":"BTC/USD"}}}');
    expect(many).toEqual({ ok: false, problem: '"symbols" sends broker symbols BTC-USD and XBT-USD of acct-a both to BTC/USD; a symbol mapping must be one-to-one' });
    // One desk symbol in two accounts is one-to-one in each.
    expect(parseMappingFile('{"symbols":{"acct-a":{"BTC-USD":"BTC/USD"},"acct-b":{"XBT-USD":"BTC/USD"}}}')).toMatchObject({ ok: true });
  });
});
