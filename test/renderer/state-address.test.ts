// The explorer's scope and filters in its address: encoded in a fixed order, decoded back to the
// same view, and an edited link's unknown values left out.
import { describe, expect, it } from 'vitest';
import { decodeStateQuery, encodeStateQuery, parseStateView, stateViewHash, type StateView } from '../../renderer/src/pages/explorer/model/address';

describe('the explorer address', () => {
  it('round-trips a positions view with scope, search, sort and column filters', () => {
    const view: StateView = { tab: 'positions', query: { account: 'acct-alpaca-01', strategy: 'mom & rev/2', search: 'BTC/USDT', sort: 'quantity', dir: 'desc', filters: { quantity: '>=10', symbol: 'ETH' } } };
    const hash = stateViewHash(view);
    expect(hash).toBe('#/state/positions?account=acct-alpaca-01&strategy=mom+%26+rev%2F2&search=BTC%2FUSDT&sort=quantity&dir=desc&f.quantity=%3E%3D10&f.symbol=ETH');
    expect(parseStateView(hash)).toEqual(view);
  });

  it('round-trips an orders view with which and status', () => {
    const view: StateView = { tab: 'orders', query: { account: 'a1', search: 'cid-9', which: 'open', status: 'partially_filled', filters: { side: '=buy' } } };
    expect(parseStateView(stateViewHash(view))).toEqual(view);
  });

  it('an empty query is the bare tab address', () => {
    expect(stateViewHash({ tab: 'risk', query: {} })).toBe('#/state/risk');
    expect(encodeStateQuery({ search: '  ', filters: { symbol: '' } })).toBe('');
    expect(parseStateView('#/state/balances')).toEqual({ tab: 'balances', query: {} });
    expect(parseStateView('#/audit?account=x')).toBeNull();
  });

  it('leaves out what the tab does not know', () => {
    expect(decodeStateQuery('#/state/orders?which=sometimes&status=lost&sort=price&f.nope=1&f.symbol=BTC', 'orders')).toEqual({ filters: { symbol: 'BTC' } });
    // Positions have no which/status; strategies no search or filters; the scope goes everywhere.
    expect(decodeStateQuery('#/state/positions?which=open&status=filled&account=a', 'positions')).toEqual({ account: 'a' });
    expect(decodeStateQuery('#/state/strategies?account=a&search=x&f.symbol=y', 'strategies')).toEqual({ account: 'a' });
    expect(decodeStateQuery('#/state/positions?sort=quantity&dir=sideways', 'positions')).toEqual({ sort: 'quantity' });
  });
});
