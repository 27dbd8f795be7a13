import { expectPositionals, stringFlag } from '../args';
import type { Command } from '../command';
import { UsageError } from '../exit-codes';
import { breakLock, lockStatus } from '../../engine/store/break-lock';
import { describeHolder } from '../../engine/store/lease';

export const lockShow: Command = {
  path: ['lock', 'show'],
  summary: 'Say who holds the state folder, since when, and whether this host can tell it is alive',
  usage: 'lifeboat lock show [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    const s = lockStatus(ctx.stateDir);
    ctx.out.result(s, () => {
      if (!s.holder) return 'Nobody holds this state folder.';
      const life = s.sameHost ? (s.alive ? 'running' : 'gone (its lock is taken over by the next writer)') : `on another host: this host cannot tell whether it runs`;
      return `Held by ${describeHolder(s.holder)}: ${life}.`;
    });
  },
};

export const lockBreak: Command = {
  path: ['lock', 'break'],
  summary: 'Break the lock of a holder on another host that is gone (audited); never one running here',
  usage: 'lifeboat lock break --yes [--reason TEXT] [--state DIR] [--json]',
  flags: { yes: { type: 'boolean' }, reason: { type: 'string' } },
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    if (ctx.parsed.values.yes !== true) {
      const s = lockStatus(ctx.stateDir);
      const who = s.holder ? describeHolder(s.holder) : 'nobody';
      throw new UsageError(`lock break needs --yes: it lets this host write although ${who} may still be writing. Make sure that holder is gone first`);
    }
    const result = breakLock(ctx.stateDir, stringFlag(ctx.parsed.values.reason) ?? null);
    ctx.out.result(result, () => `Broke the lock of ${describeHolder(result.broken)} (audit entry ${result.auditSeq}). The state folder is free.`);
  },
};
