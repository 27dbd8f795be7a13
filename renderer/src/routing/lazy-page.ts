// A page loaded on demand: React.lazy over the page's chunk, with a preload() that fetches the chunk
// ahead of time (the shell preloads every page once the console is idle, so moving to another page
// later does not wait for the network or the parse), and a retry() after a failed fetch.
import { createElement, lazy, type ComponentType } from 'react';

export type LazyPage = ComponentType & {
  preload(): Promise<unknown>;
  /** Forgets a failed fetch, so the next render fetches the chunk again (React.lazy keeps a failure for good). */
  retry(): void;
};

export function lazyPage(load: () => Promise<ComponentType>): LazyPage {
  let loading: Promise<ComponentType> | null = null;
  const once = () =>
    (loading ??= load().catch((e: unknown) => {
      loading = null;
      throw e;
    }));
  const fresh = () => lazy(() => once().then((component) => ({ default: component })));
  let Inner = fresh();
  const Page = () => createElement(Inner);
  return Object.assign(Page, { preload: once, retry: () => void (Inner = fresh()) });
}

/** How long after start-up the background fetching begins: the first page's own data comes first. */
const PRELOAD_AFTER_MS = 4000;

/**
 * Fetches the pages' chunks one after another while the browser is idle, starting a few seconds
 * after start-up (fetched and parsed at once they slowed the first page's load); a failed fetch
 * is forgotten, and fetched again (and reported, by PageBoundary) when the page is shown.
 */
export function preloadWhenIdle(pages: readonly { preload(): Promise<unknown> }[]): () => void {
  let stopped = false;
  const idle = (fn: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 3000 }) : setTimeout(fn, 200));
  const next = (i: number) => {
    if (stopped || i >= pages.length) return;
    idle(() => void pages[i].preload().catch(() => undefined).finally(() => next(i + 1)));
  };
  const start = setTimeout(() => next(0), PRELOAD_AFTER_MS);
  return () => {
    stopped = true;
    clearTimeout(start);
  };
}
