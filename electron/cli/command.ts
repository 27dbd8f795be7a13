import type { FlagSpec } from './args';
import type { CommandContext } from './context';

export interface Command {
  /** The words that name it, e.g. ['state', 'import']. */
  path: string[];
  summary: string;
  usage: string;
  flags: FlagSpec;
  /**
   * Long tasks on worker threads (the console keeps its main thread free for the UI). A one-shot
   * command has nothing else to do while its task runs, so it runs tasks inline and spares the
   * thread's start-up (about 0.2 s).
   */
  threads?: true;
  /**
   * Skip the quick_check when opening the database. Backup commands do: a backup reads every row
   * it stores (a damaged page fails that read, named), restores check what they rebuild, and the
   * check costs 0.4 s on a large desk — more than an incremental backup itself.
   */
  quickCheck?: false;
  /** Returns the exit code (0 when omitted). */
  run(ctx: CommandContext): Promise<number | void>;
}
