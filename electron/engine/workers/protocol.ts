// What crosses between the pool and its worker besides a task's own input and output: errors as
// values (a thrown error reaches the main thread as a bare message otherwise, and the engine
// names what went wrong from a LifeboatError's code or a Node error's code), and what a task run
// inline gets that a worker cannot be sent.
import { LifeboatError, type ErrorCode } from '../../../shared/result';

/** Given to a task only when it runs inline; in a worker, cancelling ends the thread instead. */
export interface TaskEnv {
  signal?: AbortSignal;
}

export type WireError =
  | { lifeboat: { code: ErrorCode; reason: string; where?: string; details?: unknown } }
  | { message: string; name?: string; code?: string; stack?: string };

export type TaskReply<T> = { value: T } | { error: WireError };

export function toWire(err: unknown): WireError {
  if (err instanceof LifeboatError) return { lifeboat: { code: err.code, reason: err.reason, where: err.where, details: err.details } };
  if (err instanceof Error) return { message: err.message, name: err.name, code: (err as { code?: unknown }).code as string | undefined, stack: err.stack };
  return { message: String(err) };
}

export function fromWire(wire: WireError): Error {
  if ('lifeboat' in wire) return new LifeboatError(wire.lifeboat.code, wire.lifeboat.reason, wire.lifeboat.where, wire.lifeboat.details);
  const err = new Error(wire.message) as Error & { code?: string };
  if (wire.name) err.name = wire.name;
  if (wire.code) err.code = wire.code;
  if (wire.stack) err.stack = wire.stack;
  return err;
}

/** A task as the worker exports it: its answer or its error, as a value. */
export function asReply<I, O>(task: (input: I) => O | Promise<O>): (input: I) => Promise<TaskReply<O>> {
  return async (input) => {
    try {
      return { value: await task(input) };
    } catch (err) {
      return { error: toWire(err) };
    }
  };
}
