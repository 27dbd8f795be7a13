// The console frame: navigation, top bar, and the current page (from the registry, pages.ts).
import { useLiveRefresh } from '../live/live';
import { useNav } from '../routing/nav';
import { useDesk } from '../stores/desk';
import { Header } from './Header';
import { NavRail } from './NavRail';
import { pageById } from './pages';
import { ShortcutHelp } from './ShortcutHelp';
import { useShortcuts } from './useShortcuts';
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
  const Page = pageById(page).component;

  return (
    <div className="shell">
      <NavRail onHelp={() => setHelpOpen(true)} />
      <div className="main">
        <Header />
        <main className="content" key={zone}>
          <Page />
        </main>
      </div>
      <Toasts />
      {helpOpen ? <ShortcutHelp onClose={() => setHelpOpen(false)} /> : null}
    </div>
  );
}
