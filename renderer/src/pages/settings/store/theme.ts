// The console's theme (setting console.theme): put on the document as data-theme, which the
// palette in styles/base.css reads; "system" follows prefers-color-scheme there. Remembered in
// localStorage too, so the next start paints in it before the desk answers.
import type { Theme } from '../../../../../shared/settings/catalog';
import { THEMES } from '../../../../../shared/settings/catalog';

const KEY = 'lifeboat.theme';

export function applyTheme(theme: unknown): void {
  const t: Theme = (THEMES as readonly unknown[]).includes(theme) ? (theme as Theme) : 'system';
  document.documentElement.dataset.theme = t;
  try {
    localStorage.setItem(KEY, t);
  } catch {
    // Storage may be off (a private window): the desk's setting still applies once it answers.
  }
}

/** The theme remembered from the last start, before the desk is asked. */
export function applyRememberedTheme(): void {
  try {
    const t = localStorage.getItem(KEY);
    if (t) document.documentElement.dataset.theme = t;
  } catch {
    // As above.
  }
}
