// IPC handlers: one per channel; each checks the sender is our window's top frame, validates the
// payload (Engine.call parses it with the channel's zod schema) and answers with a Result.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../../shared/api/contract';
import type { Result } from '../../shared/result';
import { explainError } from '../engine/store/io-errors';
import type { Engine } from '../engine/engine';
import { IPC_EVENT, ipcChannel } from './ipc-channel';
import { isTrustedSender } from './trusted-sender';

export function registerIpc(engine: Engine, window: BrowserWindow): () => void {
  const trusted = (event: IpcMainInvokeEvent) => isTrustedSender(event, { webContents: window.webContents, mainFrame: window.webContents.mainFrame });

  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!trusted(event)) {
        return { ok: false, error: { code: 'bad_request', message: 'request from an untrusted sender refused' } };
      }
      try {
        return { ok: true, value: await engine.call(name, payload) };
      } catch (err) {
        return { ok: false, error: explainError(err).toApiError() };
      }
    });
  }
  const off = engine.events.subscribe((event) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT, event);
  });
  return () => {
    off();
    for (const name of CHANNEL_NAMES) ipcMain.removeHandler(ipcChannel(name));
  };
}
