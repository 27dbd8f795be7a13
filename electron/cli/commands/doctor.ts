import { expectPositionals } from '../args';
import type { Command } from '../command';
import { EXIT } from '../exit-codes';
import { runDoctor } from '../../engine/recovery/doctor';
import { formatDoctor } from './doctor-text';

export const doctor: Command = {
  path: ['doctor'],
  summary: 'Run every failure detector over the state folder, naming what it saw and the playbook that answers it; exit 3 when a critical or warning is found (reads only, takes no lock)',
  usage: 'lifeboat doctor [--state DIR] [--json]',
  flags: {},
  async run(ctx) {
    expectPositionals(ctx.parsed, 0, this.usage);
    // Not through ctx.read: an Engine refuses a damaged database (and leaves a -wal and -shm
    // behind); doctor reads the folder its own way and reports what it finds.
    const report = runDoctor(ctx.stateDir);
    ctx.out.result(report, () => formatDoctor(report));
    return report.problems ? EXIT.verificationFailed : EXIT.ok;
  },
};
