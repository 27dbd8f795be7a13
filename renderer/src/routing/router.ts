// The one router: the address names the page (and, through the page's route, its view); going to
// a page records the view it shows. Started once at start-up with the registry (shell/pages.ts).
import { pageHash, pageOf, writeAddress } from './address';
import { useNav } from './nav';
import type { PageRoute } from './views';

export interface RoutedPage {
  id: string;
  /** Pages with views inside them; the others live at "#/<id>". */
  route?: PageRoute;
}

/** The page an address names; the first page for an address that names none of them. */
export function pageFor<P extends RoutedPage>(pages: readonly P[], hash: string): P {
  const id = pageOf(hash);
  return pages.find((p) => p.id === id) ?? pages[0];
}

/** The address of a page as it is now: its current view, or its bare address. */
export function pageAddress(page: RoutedPage): string {
  return page.route ? page.route.here() : pageHash(page.id);
}

/** Follows the address (start-up, back/forward, typed addresses) and records page changes in it. */
export function followAddress(pages: readonly RoutedPage[]): () => void {
  const fromAddress = () => {
    const page = pageFor(pages, location.hash);
    if (useNav.getState().page === page.id) {
      page.route?.follow(location.hash);
    } else {
      page.route?.arrive(location.hash);
      useNav.setState({ page: page.id });
    }
  };
  fromAddress();
  const stopNav = useNav.subscribe((s, prev) => {
    if (s.page === prev.page || pageFor(pages, location.hash).id === s.page) return;
    const page = pages.find((p) => p.id === s.page);
    if (page) writeAddress(pageAddress(page));
  });
  window.addEventListener('hashchange', fromAddress);
  window.addEventListener('popstate', fromAddress);
  return () => {
    stopNav();
    window.removeEventListener('hashchange', fromAddress);
    window.removeEventListener('popstate', fromAddress);
  };
}
