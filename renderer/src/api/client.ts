// The one way the renderer talks to the engine: api.call(channel, request) resolves with the
// value or throws an ApiCallError carrying code, message and where.
import type { LifeboatBridge } from '../../../shared/api/bridge';
import type { ChannelName, LifeboatEvent, RequestOf, ResponseOf } from '../../../shared/api/contract';
import { ApiCallError } from './errors';

let bridge: LifeboatBridge | null = null;

export function installBridge(b: LifeboatBridge): void {
  bridge = b;
}

function current(): LifeboatBridge {
  if (!bridge) throw new Error('The API bridge is not installed yet');
  return bridge;
}

export const api = {
  get mode(): LifeboatBridge['mode'] {
    return current().mode;
  },

  async call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    let result;
    try {
      result = await current().call(channel, request);
    } catch (e) {
      // The Electron bridge should never throw; if it does, keep the shape the UI expects.
      throw new ApiCallError(channel, { code: 'internal', message: e instanceof Error ? e.message : String(e) });
    }
    if (!result.ok) {
      const transport = (result.error.details as { transport?: string } | undefined)?.transport;
      throw new ApiCallError(channel, {
        ...result.error,
        code: transport === 'unreachable' ? 'unreachable' : result.error.code,
      });
    }
    return result.value;
  },

  onEvent(listener: (event: LifeboatEvent) => void): () => void {
    return current().onEvent(listener);
  },
};
