// The LifeboatError a promise rejects with, for tests that assert on its code, message and where.
import { LifeboatError } from '../../shared/result';

export async function failure(promise: Promise<unknown>): Promise<LifeboatError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof LifeboatError) return err;
    throw new Error(`expected a LifeboatError, got ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
  }
  throw new Error('expected a failure, but it succeeded');
}
