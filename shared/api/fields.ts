// Field schemas the contract's areas share.
import { z } from 'zod';
import { controlCharacterIn } from '../text';

/** A name or id: non-empty, bounded, and without control characters (a NUL in an id breaks every screen and file that shows it). */
export const printable = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .superRefine((s, ctx) => {
      const control = controlCharacterIn(s);
      if (control) ctx.addIssue({ code: 'custom', message: `contains ${control}` });
    });

/** A response type in the contract (types only: responses are not validated at run time). */
export const returns = <T>() => undefined as unknown as T;

export const empty = z.object({}).strict();
