// The console's theme (setting console.theme): the setting is put on the document as data-theme,
// and the palette it resolves to — the system's prefers-color-scheme while following it, followed
// as it changes — as data-palette, which styles/base.css reads (one light block, no copy of it in a
// media query). Remembered in localStorage too, so the next start paints in it before the desk
// answers.
import type { Theme } from '../../../../../shared/settings/catalog';
import { THEMES } from '../../../../../shared/settings/catalog';

const KEY = 'lifeboat.theme';
const systemLight = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: light)') : null;

function paint(theme: Theme): void {
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.dataset.palette = theme === 'system' ? (systemLight?.matches ? 'light' : 'dark') : theme;
}

systemLight?.addEventListener('change', () => {
  const t = document.documentElement.dataset.theme;
  if (t === 'system' || !t) paint('system');
});

const asTheme = (theme: unknown): Theme => ((THEMES as readonly unknown[]).includes(theme) ? (theme as Theme) : 'system');

export function applyTheme(theme: unknown): void {
  const t = asTheme(theme);
  paint(t);
  try {
    localStorage.setItem(KEY, t);
  } catch {
    // Storage may be off (a private window): the desk's setting still applies once it answers.
  }
}

/** The theme remembered from the last start, before the desk is asked (none: following the system). */
export function applyRememberedTheme(): void {
  let t: string | null = null;
  try {
    t = localStorage.getItem(KEY);
  } catch {
    // As above.
  }
  paint(asTheme(t));
}
