// Start-up: pick the transport (Electron preload or loopback HTTP), start live events, follow the
// address, render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { LifeboatBridge } from '../../shared/api/bridge';
import { installBridge } from './api/client';
import { createHttpBridge } from './api/http-bridge';
import { forgetToken, takeToken } from './api/token';
import { App } from './App';
import { startLive } from './live/live';
import { useConnection } from './stores/connection';
import { followAddress } from './routing/router';
import { PAGES } from './shell/pages';
import { applyRememberedTheme } from './pages/settings/store/theme';
import { loadTheme } from './pages/settings/store/settings';
import { applyRememberedTimeZone } from './stores/time-zone';
import { startNotices } from './notices/follow';
import './styles/base.css';
import './styles/shell.css';
import './styles/table.css';
import './styles/pages.css';

declare global {
  interface Window {
    lifeboat?: LifeboatBridge;
  }
}

function connect(): boolean {
  const connection = useConnection.getState();
  if (window.lifeboat) {
    installBridge(window.lifeboat);
    connection.setMode('electron');
    return true;
  }
  connection.setMode('browser');
  // The hash holds the token; once taken, it holds the route.
  const token = takeToken(window);
  if (!token) return false;
  installBridge(
    createHttpBridge({
      token,
      onStatus: (s) => useConnection.getState().setStream(s),
      onUnauthorized: () => {
        forgetToken(window);
        useConnection.getState().refused();
      },
    }),
  );
  return true;
}

applyRememberedTheme();
applyRememberedTimeZone();
const hasBridge = connect();
if (hasBridge) {
  startLive();
  startNotices();
  void loadTheme();
}
followAddress(PAGES);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App hasBridge={hasBridge} />
  </StrictMode>,
);
