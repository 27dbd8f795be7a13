// Browser mode: the access token arrives once in the address (#token=…), then lives in
// sessionStorage for this tab and is taken out of the address bar and history.
export const TOKEN_STORAGE_KEY = 'lifeboat.token';

/** The token in a location hash like "#token=abc" or "#/audit&token=abc"; null when absent. */
export function tokenFromHash(hash: string): string | null {
  const body = hash.replace(/^#\/?/, '');
  for (const part of body.split(/[&?]/)) {
    const [key, ...rest] = part.split('=');
    if (key === 'token') {
      const value = decodeURIComponent(rest.join('='));
      return value.trim() ? value.trim() : null;
    }
  }
  return null;
}

/** The hash without its token part, so navigation state survives the clean-up. */
export function hashWithoutToken(hash: string): string {
  const body = hash.replace(/^#/, '');
  const kept = body.split('&').filter((p) => !/^\/?token=/.test(p));
  const rest = kept.join('&');
  return rest && rest !== '/' ? `#${rest}` : '';
}

/** Reads the token from the address (preferred) or this tab's storage, and scrubs the address. */
export function takeToken(win: Window): string | null {
  const fromHash = tokenFromHash(win.location.hash);
  if (fromHash) {
    try {
      win.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
    } catch {
      // Storage may be disabled; the token still works for this page load.
    }
    const { pathname, search } = win.location;
    win.history.replaceState(win.history.state, '', `${pathname}${search}${hashWithoutToken(win.location.hash)}`);
    return fromHash;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function forgetToken(win: Window): void {
  try {
    win.sessionStorage.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // nothing stored
  }
}
