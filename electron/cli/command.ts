import type { FlagSpec } from './args';
import type { CommandContext } from './context';

export interface Command {
  /** The words that name it, e.g. ['state', 'import']. */
  path: string[];
  summary: string;
  usage: string;
  flags: FlagSpec;
  /** Returns the exit code (0 when omitted). */
  run(ctx: CommandContext): Promise<number | void>;
}
