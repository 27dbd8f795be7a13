// The preload: exposes `window.lifeboat` (LifeboatBridge) with one typed method per channel.
// Sandboxed and context-isolated: the renderer gets functions, never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, type ChannelName, type LifeboatEvent } from '../../shared/api/contract';
import type { LifeboatBridge } from '../../shared/api/bridge';
import { IPC_EVENT, ipcChannel } from './ipc-channel';

const call = ((channel: ChannelName, request: unknown) => {
  if (!CHANNEL_NAMES.includes(channel)) return Promise.resolve({ ok: false, error: { code: 'not_found', message: `unknown channel ${channel}` } });
  return ipcRenderer.invoke(ipcChannel(channel), request);
}) as LifeboatBridge['call'];

const bridge: LifeboatBridge & { channels: Record<string, (request: unknown) => Promise<unknown>> } = {
  mode: 'electron',
  call,
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, payload: LifeboatEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
  channels: Object.fromEntries(CHANNEL_NAMES.map((name) => [name, (request: unknown) => call(name, request as never)])),
};

contextBridge.exposeInMainWorld('lifeboat', bridge);
