// The console frame: navigation, top bar, and the current page (from the registry, pages.ts).
import { useLiveRefresh } from '../live/live';
import { useNav } from '../routing/nav';
import { useDesk } from '../stores/desk';
import { Header } from './Header';
import { NavRail } from './NavRail';
import { pageById } from './pages';
import { ShortcutHelp } from './ShortcutHelp';
import { useShortcuts } from './useShortcuts';

const DESK_TABLES = ['*'];

export function Shell() {
  const page = useNav((s) => s.page);
  const load = useDesk((s) => s.load);
  const { helpOpen, setHelpOpen } = useShortcuts();
  // The header and the dashboard both show desk.status; it follows every change.
  useLiveRefresh(DESK_TABLES, load);
  const Page = pageById(page).component;

  return (
    <div className="shell">
      <NavRail onHelp={() => setHelpOpen(true)} />
      <div className="main">
        <Header />
        <main className="content">
          <Page />
        </main>
      </div>
      {helpOpen ? <ShortcutHelp onClose={() => setHelpOpen(false)} /> : null}
    </div>
  );
}
