// reconciliation.defaultStrategy: the strategy of a run that names none, where it may act.
import { describe, expect, it } from 'vitest';
import { defaultStrategy, runStrategy } from '../../../electron/engine/reconcile/default-strategy';
import { changeSetting } from '../../../electron/engine/settings/settings';
import { demoDesk } from '../../support/demo-desk';

describe('the default reconciliation strategy', () => {
  it('is the setting’s, for a run against the live state that names none', () => {
    const engine = demoDesk(7);
    expect(defaultStrategy(engine.store)).toBe('warn');
    changeSetting(engine, 'reconciliation.defaultStrategy', 'HALT_AND_ALERT');
    expect(runStrategy(engine.store, undefined, 'live')).toBe('halt');
    // A run that names its strategy keeps it.
    expect(runStrategy(engine.store, 'warn', 'live')).toBe('warn');
    // Against a checkpoint a default never acts (it would make the run refuse to start).
    expect(runStrategy(engine.store, undefined, 'MAN_20261122_090000_0001')).toBe('warn');
  });
});
