// The shape of a channel handler: validated request in, response out. Handlers are thin —
// they call a domain and return; the facade (engine.ts) validates and explains errors.
import type { ChannelName, ParsedRequestOf, ResponseOf } from '../../../shared/api/contract';
import type { DeskContext } from '../runtime/context';

export type Handler<C extends ChannelName> = (desk: DeskContext, request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;

export type HandlersOf<C extends ChannelName> = { [K in C]: Handler<K> };
