// Errors cross from a worker as values: a LifeboatError keeps its code, reason and where; a Node or
// SQLite error its code, so the engine still names what went wrong (a full disk, a busy database).
import { describe, expect, it } from 'vitest';
import { asReply, fromWire, toWire } from '../../../electron/engine/workers/protocol';
import { LifeboatError } from '../../../shared/result';

const across = (err: unknown) => fromWire(structuredClone(toWire(err)));

describe('errors across the worker boundary', () => {
  it('keeps a LifeboatError whole', () => {
    const back = across(new LifeboatError('not_found', 'no checkpoint X', 'checkpoints.verify', { id: 'X' }));
    expect(back).toBeInstanceOf(LifeboatError);
    expect(back).toMatchObject({ code: 'not_found', reason: 'no checkpoint X', where: 'checkpoints.verify', details: { id: 'X' } });
  });

  it('keeps a Node error’s code and message', () => {
    const back = across(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    expect(back).not.toBeInstanceOf(LifeboatError);
    expect(back).toMatchObject({ message: 'database or disk is full', code: 'SQLITE_FULL' });
  });

  it('answers a task with its value or its error, never a throw', async () => {
    expect(await asReply((n: number) => n + 1)(1)).toEqual({ value: 2 });
    const failed = await asReply(() => {
      throw new LifeboatError('bad_request', 'no');
    })(undefined);
    expect('error' in failed && fromWire(failed.error)).toMatchObject({ code: 'bad_request', reason: 'no' });
  });
});
