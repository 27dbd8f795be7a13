// The console frame: navigation, top bar, and the current page.
import { useEffect } from 'react';
import { useShortcuts } from '../hooks/useShortcuts';
import { useLiveRefresh } from '../live/live';
import { AuditPage } from '../pages/audit/AuditPage';
import { CheckpointsPage } from '../pages/checkpoints/CheckpointsPage';
import { Dashboard } from '../pages/dashboard/Dashboard';
import { StateExplorer } from '../pages/explorer/StateExplorer';
import { NotBuiltPage } from '../pages/NotBuiltPage';
import { ReconciliationPage } from '../pages/reconciliation/ReconciliationPage';
import { useDesk } from '../stores/desk';
import { followAddress, useNav } from '../stores/nav';
import { Header } from './Header';
import { NavRail } from './NavRail';
import { ShortcutHelp } from './ShortcutHelp';

const DESK_TABLES = ['*'];

export function Shell() {
  const page = useNav((s) => s.page);
  const load = useDesk((s) => s.load);
  const { helpOpen, setHelpOpen } = useShortcuts();
  // The header and the dashboard both show desk.status; it follows every change.
  useLiveRefresh(DESK_TABLES, load);
  useEffect(() => followAddress(), []);

  return (
    <div className="shell">
      <NavRail onHelp={() => setHelpOpen(true)} />
      <div className="main">
        <Header />
        <main className="content">
          {page === 'dashboard' ? <Dashboard /> : page === 'state' ? <StateExplorer /> : page === 'audit' ? <AuditPage /> : page === 'checkpoints' ? <CheckpointsPage /> : page === 'reconciliation' ? <ReconciliationPage /> : <NotBuiltPage page={page} />}
        </main>
      </div>
      {helpOpen ? <ShortcutHelp onClose={() => setHelpOpen(false)} /> : null}
    </div>
  );
}
