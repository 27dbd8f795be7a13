// THE page registry: every page of the console, in rail order. The rail, the shortcuts, the
// shortcut help, the shell and the router all read this list. Adding a page = its folder under
// pages/ and one line here (README: "Adding a page").
import type { ComponentType } from 'react';
import { viewRoute, type PageRoute } from '../routing/views';
import { ActivityPage } from '../pages/activity/ActivityPage';
import { AuditPage } from '../pages/audit/AuditPage';
import { CheckpointsPage } from '../pages/checkpoints/CheckpointsPage';
import { checkpointViews } from '../pages/checkpoints/store/catalog';
import { Dashboard } from '../pages/dashboard/Dashboard';
import { StateExplorer } from '../pages/explorer/StateExplorer';
import { stateTabViews } from '../pages/explorer/store/tab';
import { BackupsPage } from '../pages/backups/BackupsPage';
import { backupsViews } from '../pages/backups/store/backups';
import { StoragePage } from '../pages/storage/StoragePage';
import { RecoveryPage } from '../pages/recovery/RecoveryPage';
import { ReconciliationPage } from '../pages/reconciliation/ReconciliationPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { reconciliationViews } from '../pages/reconciliation/store/runs';

export interface PageEntry {
  /** The first part of the page's addresses (#/<id>/…) and its test ids (nav-<id>, page-<id>). */
  id: string;
  label: string;
  /** The letter after "g"; Alt+<position> goes there too. */
  key: string;
  component: ComponentType;
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
