import { describe, expect, it } from 'vitest';
import { addressParts, pageHash, pageOf } from '../../renderer/src/routing/address';
import { pageFor } from '../../renderer/src/routing/router';
import { arrivalView, followedView } from '../../renderer/src/routing/views';
import { checkpointViewHash, parseCheckpointView, type CheckpointView } from '../../renderer/src/pages/checkpoints/model/route';
import { parseReconView, reconViewHash } from '../../renderer/src/pages/reconciliation/model/route';
import { parseStateTab, stateTabHash } from '../../renderer/src/pages/explorer/model/tabs';
import { pageForDigit, pageForLetter } from '../../renderer/src/shell/keys';

const ID = 'MAN_20261122_140210_3f9a';
const pages = [{ id: 'dashboard', key: 'd' }, { id: 'state', key: 's' }, { id: 'checkpoints', key: 'c' }];

describe('the address', () => {
  it('splits into decoded parts and names its page', () => {
    expect(addressParts('#/checkpoints/detail/' + ID)).toEqual(['checkpoints', 'detail', ID]);
    expect(addressParts('#/a%20b')).toEqual(['a b']);
    expect(pageOf('#/state/orders')).toBe('state');
    expect(pageOf('#/dashboard?x=1')).toBe('dashboard');
    expect(pageOf('')).toBe('');
    expect(pageHash('audit')).toBe('#/audit');
  });

  it('falls back to the first page for an address that names none', () => {
    expect(pageFor(pages, '#/checkpoints/detail/x').id).toBe('checkpoints');
    expect(pageFor(pages, '#/nowhere').id).toBe('dashboard');
    expect(pageFor(pages, '').id).toBe('dashboard');
  });
});

describe('views in the address', () => {
  it('arriving: an address with a view wins, a bare page address resumes', () => {
    expect(arrivalView(parseCheckpointView('#/checkpoints/detail/' + ID), checkpointViewHash, '#/checkpoints')).toEqual({ kind: 'detail', id: ID });
    expect(arrivalView(parseCheckpointView('#/checkpoints'), checkpointViewHash, '#/checkpoints')).toBeNull();
    expect(arrivalView(parseCheckpointView('#/checkpoints/detail/bad'), checkpointViewHash, '#/checkpoints')).toBeNull();
    expect(arrivalView(parseReconView('#/reconciliation'), reconViewHash, '#/reconciliation')).toBeNull();
    expect(arrivalView(parseReconView('#/reconciliation/history'), reconViewHash, '#/reconciliation')).toEqual({ kind: 'history' });
    expect(arrivalView(parseStateTab('#/state'), stateTabHash, '#/state')).toBe('positions');
  });

  it('on the page: back to the bare address shows the home view; the same view changes nothing', () => {
    const detail: CheckpointView = { kind: 'detail', id: ID };
    expect(followedView(parseCheckpointView('#/checkpoints'), detail, checkpointViewHash)).toEqual({ kind: 'timeline' });
    expect(followedView(parseCheckpointView('#/checkpoints/detail/' + ID), detail, checkpointViewHash)).toBeNull();
    expect(followedView(parseReconView('#/reconciliation'), { kind: 'new' }, reconViewHash)).toBeNull();
    expect(followedView(parseStateTab('#/state/risk'), 'orders', stateTabHash)).toBe('risk');
  });

  it('the explorer tab: positions unless the address names another', () => {
    expect(parseStateTab('#/state/orders')).toBe('orders');
    expect(parseStateTab('#/state/nonsense')).toBe('positions');
    expect(parseStateTab('#/audit')).toBeNull();
    expect(stateTabHash('balances')).toBe('#/state/balances');
  });
});

describe('page shortcuts', () => {
  it('Alt+digit by place in the rail, g+letter by key', () => {
    expect(pageForDigit('Digit2', pages)?.id).toBe('state');
    expect(pageForDigit('Digit9', pages)).toBeNull();
    expect(pageForDigit('KeyA', pages)).toBeNull();
    expect(pageForLetter('C', pages)?.id).toBe('checkpoints');
    expect(pageForLetter('x', pages)).toBeNull();
  });
});
