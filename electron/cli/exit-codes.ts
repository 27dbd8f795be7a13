// The CLI's exit codes, the same for every command.
import type { ErrorCode } from '../../shared/result';

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  verificationFailed: 3,
  locked: 4,
  wrongPassphrase: 5,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'verification_failed':
      return EXIT.verificationFailed;
    case 'locked':
      return EXIT.locked;
    case 'wrong_passphrase':
      return EXIT.wrongPassphrase;
    default:
      return EXIT.failed;
  }
}

/** Wrong command-line words: unknown command or flag, a flag value of the wrong kind. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
