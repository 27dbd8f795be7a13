// THE page registry: every page of the console, in rail order. The rail, the shortcuts, the
// shortcut help, the shell and the router all read this list. Adding a page = its folder under
// pages/ and one line here (README: "Adding a page").
import { viewRoute, type PageRoute } from '../routing/views';
import { lazyPage, type LazyPage } from '../routing/lazy-page';
import { checkpointViews } from '../pages/checkpoints/store/catalog';
import { stateTabViews } from '../pages/explorer/store/tab';
import { backupsViews } from '../pages/backups/store/backups';
import { reconciliationViews } from '../pages/reconciliation/store/runs';

// Each page is its own chunk, fetched when it is first shown (and the others while the console is
// idle: routing/lazy-page.ts), so a cold start parses the shell and one page, not all ten. Their
// address views stay here: the router needs them before any page is drawn.
const Dashboard = lazyPage(() => import('../pages/dashboard/Dashboard').then((m) => m.Dashboard));
const StateExplorer = lazyPage(() => import('../pages/explorer/StateExplorer').then((m) => m.StateExplorer));
const CheckpointsPage = lazyPage(() => import('../pages/checkpoints/CheckpointsPage').then((m) => m.CheckpointsPage));
const ReconciliationPage = lazyPage(() => import('../pages/reconciliation/ReconciliationPage').then((m) => m.ReconciliationPage));
const StoragePage = lazyPage(() => import('../pages/storage/StoragePage').then((m) => m.StoragePage));
const BackupsPage = lazyPage(() => import('../pages/backups/BackupsPage').then((m) => m.BackupsPage));
const RecoveryPage = lazyPage(() => import('../pages/recovery/RecoveryPage').then((m) => m.RecoveryPage));
const AuditPage = lazyPage(() => import('../pages/audit/AuditPage').then((m) => m.AuditPage));
const ActivityPage = lazyPage(() => import('../pages/activity/ActivityPage').then((m) => m.ActivityPage));
const SettingsPage = lazyPage(() => import('../pages/settings/SettingsPage').then((m) => m.SettingsPage));

export interface PageEntry {
  /** The first part of the page's addresses (#/<id>/…) and its test ids (nav-<id>, page-<id>). */
  id: string;
  label: string;
  /** The letter after "g"; Alt+<position> goes there too. */
  key: string;
  component: LazyPage;
  /** How the address names the views inside the page; pages without views have none. */
  route?: PageRoute;
}

export const PAGES: readonly PageEntry[] = [
  { id: 'dashboard', label: 'Dashboard', key: 'd', component: Dashboard },
  { id: 'state', label: 'State', key: 's', component: StateExplorer, route: viewRoute(stateTabViews) },
  { id: 'checkpoints', label: 'Checkpoints', key: 'c', component: CheckpointsPage, route: viewRoute(checkpointViews) },
  { id: 'reconciliation', label: 'Reconciliation', key: 'r', component: ReconciliationPage, route: viewRoute(reconciliationViews) },
  { id: 'storage', label: 'Storage', key: 't', component: StoragePage },
  { id: 'backups', label: 'Backups', key: 'b', component: BackupsPage, route: viewRoute(backupsViews) },
  { id: 'recovery', label: 'Recovery', key: 'v', component: RecoveryPage },
  { id: 'audit', label: 'Audit', key: 'a', component: AuditPage },
  { id: 'activity', label: 'Activity', key: 'j', component: ActivityPage },
  { id: 'settings', label: 'Settings', key: 'e', component: SettingsPage },
];

/** The page with this id; the first page (the dashboard) for an id the registry does not hold. */
export const pageById = (id: string): PageEntry => PAGES.find((p) => p.id === id) ?? PAGES[0];

/** "Alt+1" … for the first nine pages (see keys.ts). */
export const altKey = (index: number): string | null => (index < 9 ? `Alt+${index + 1}` : null);
