// A page with views inside it (a tab, a detail, a wizard) keeps the view in its own store and in
// the address after "#/<page>". viewRoute binds the two for the shell's router.
import { pageHash, writeAddress } from './address';
import { useNav } from './nav';

export interface ViewAddress<V> {
  /** The page's id in the registry: the first part of its addresses. */
  page: string;
  /** The view an address names, or null when the address names none of this page's views. */
  parse(hash: string): V | null;
  format(view: V): string;
  /** The view the page's store holds, and setting it there. */
  current(): V;
  set(view: V): void;
}

/** What the router asks of a page with views; pages without views have none. */
export interface PageRoute {
  /** The address of what the page shows now. */
  here(): string;
  /** The page became current through the address (start-up, back/forward to it, a typed address). */
  arrive(hash: string): void;
  /** The address changed while the page is current. */
  follow(hash: string): void;
}

/**
 * Arriving on a page: the address names the view, except a bare "#/<page>" (or a view whose
 * address is the bare one), which resumes where the person was on that page.
 */
export function arrivalView<V>(parsed: V | null, format: (view: V) => string, bare: string): V | null {
  return parsed !== null && format(parsed) !== bare ? parsed : null;
}

/** While on the page, an address that names another view than the one shown switches to it. */
export function followedView<V>(parsed: V | null, current: V, format: (view: V) => string): V | null {
  return parsed !== null && format(parsed) !== format(current) ? parsed : null;
}

export function viewRoute<V>(views: ViewAddress<V>): PageRoute {
  const bare = pageHash(views.page);
  return {
    here: () => views.format(views.current()),
    arrive(hash) {
      const view = arrivalView(views.parse(hash), views.format, bare);
      if (view !== null) views.set(view);
      else writeAddress(views.format(views.current()), true);
    },
    follow(hash) {
      const view = followedView(views.parse(hash), views.current(), views.format);
      if (view !== null) views.set(view);
    },
  };
}

/**
 * Shows one of the page's views: recorded in the address (a new history entry unless `replace`) while
 * the page is showing; otherwise held for when the person comes back to the page.
 */
export function showView<V>(views: ViewAddress<V>, view: V, replace = false): void {
  if (views.format(view) !== views.format(views.current())) views.set(view);
  if (useNav.getState().page === views.page) writeAddress(views.format(view), replace);
}

/** Goes to the page showing `view` (from another page, e.g. the dashboard opening an account's positions). */
export function goToView<V>(views: ViewAddress<V>, view: V): void {
  if (useNav.getState().page === views.page) showView(views, view);
  else {
    views.set(view);
    useNav.getState().go(views.page);
  }
}
