// Every payload is validated at the boundary; a bad one is named by field.
import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type ParsedRequestOf } from '../../../shared/api/contract';
import { LifeboatError } from '../../../shared/result';

export function parseRequest<C extends ChannelName>(channel: C, payload: unknown): ParsedRequestOf<C> {
  const schema = channels[channel].request as z.ZodType;
  const parsed = schema.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.length ? issue.path.join('.') : '(request)';
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
    throw new LifeboatError('bad_request', `${issue.message}${more}`, `${channel} ${field}`);
  }
  return parsed.data as ParsedRequestOf<C>;
}

export function requireChannel(name: string): ChannelName {
  if (!isChannelName(name)) throw new LifeboatError('not_found', `unknown channel "${name}"`);
  return name;
}
