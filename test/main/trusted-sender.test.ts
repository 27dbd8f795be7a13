// The IPC sender check: only our window's top frame, showing our own page on lifeboat://app/, is
// answered (#15 point 20). Plain objects stand for Electron's, so this runs without the runtime.
import { describe, expect, it } from 'vitest';
import { APP_URL, isAppUrl, isTrustedSender } from '../../electron/main/trusted-sender';

const webContents = {};
const mainFrame = { url: APP_URL };
const window = { webContents, mainFrame };

describe('isTrustedSender', () => {
  it('answers our window’s top frame on our own page', () => {
    expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, window)).toBe(true);
    expect(isTrustedSender({ sender: webContents, senderFrame: Object.assign(mainFrame, { url: 'lifeboat://app/index.html#/checkpoints' }) }, window)).toBe(true);
  });

  it('refuses a subframe, another window, a frame gone, and any other page', () => {
    const iframe = { url: APP_URL };
    expect(isTrustedSender({ sender: webContents, senderFrame: iframe }, window)).toBe(false);
    expect(isTrustedSender({ sender: {}, senderFrame: mainFrame }, window)).toBe(false);
    expect(isTrustedSender({ sender: webContents, senderFrame: null }, window)).toBe(false);
    for (const url of ['file:///opt/lifeboat/dist/renderer/index.html', 'https://app/index.html', 'lifeboat://evil/index.html', 'not a url']) {
      const frame = { url };
      expect(isTrustedSender({ sender: webContents, senderFrame: frame }, { webContents, mainFrame: frame })).toBe(false);
    }
  });

  it('knows its own page by scheme and host', () => {
    expect(isAppUrl('lifeboat://app/assets/index.js')).toBe(true);
    expect(isAppUrl('lifeboat://app.evil/')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
  });
});
