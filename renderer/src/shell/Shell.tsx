// The console frame: navigation, top bar, and the current page (from the registry, pages.ts; each
// page a chunk of its own, shown once it has arrived).
import { Suspense, useEffect } from 'react';
import { useLiveRefresh } from '../live/live';
import { useNav } from '../routing/nav';
import { useDesk } from '../stores/desk';
import { Header } from './Header';
import { NavRail } from './NavRail';
import { pageById, PAGES } from './pages';
import { preloadWhenIdle } from '../routing/lazy-page';
import { ShortcutHelp } from './ShortcutHelp';
import { useShortcuts } from './useShortcuts';
import { PageBoundary } from './PageBoundary';
import { Toasts } from '../notices/Toasts';
import { loadTheme } from '../pages/settings/store/settings';
import { useTimeZone } from '../stores/time-zone';

const DESK_TABLES = ['*'];
const SETTINGS_TABLES = ['settings'];

export function Shell() {
  const page = useNav((s) => s.page);
  const load = useDesk((s) => s.load);
  const { helpOpen, setHelpOpen } = useShortcuts();
  // The header and the dashboard both show desk.status; it follows every change.
  useLiveRefresh(DESK_TABLES, load);
  // The theme and the clock follow the desk's settings, whoever changes them (the CLI, another window).
  useLiveRefresh(SETTINGS_TABLES, loadTheme);
  // Every shown time is formatted as it renders (format/time.ts): a changed clock draws the page
  // again from its stores, so no memoised cell keeps the old zone.
  const zone = useTimeZone((s) => s.zone);
  const entry = pageById(page);
  const Page = entry.component;
  // The other pages' chunks come in the background once this one is up, so moving on is instant.
  useEffect(() => preloadWhenIdle(PAGES.map((p) => p.component)), []);

  return (
    <div className="shell">
      <NavRail onHelp={() => setHelpOpen(true)} />
      <div className="main">
        <Header />
        <main className="content" key={zone}>
          <PageBoundary key={entry.id} label={entry.label} onRetry={Page.retry}>
            <Suspense fallback={<div className="page page-arriving dim" data-testid="page-arriving" />}>
              <Page />
            </Suspense>
          </PageBoundary>
        </main>
      </div>
      <Toasts />
      {helpOpen ? <ShortcutHelp onClose={() => setHelpOpen(false)} /> : null}
    </div>
  );
}
