// The audit trail: who did what and when, newest first, and a check that nobody rewrote it.
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import type { AuditEntry } from '../../../../shared/domain';
import { Badge } from '../../components/Badge';
import { DataTable } from '../../components/table/DataTable';
import { DetailDrawer } from '../../components/DetailDrawer';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHeader } from '../../components/PageHeader';
import { shortHash, shownTime } from '../../format/time';
import { useLiveRefresh } from '../../live/live';
import { knownActions } from './model/audit';
import { useAudit } from './store/audit';
import { useDrawer } from '../../hooks/useDrawer';
import '../../components/table/meta';

const a = createColumnHelper<AuditEntry>();
const columns: ColumnDef<AuditEntry, any>[] = [
  a.accessor('seq', { header: 'Seq', size: 80, meta: { kind: 'count' } }),
  a.accessor('at', { header: 'When (UTC)', size: 160, meta: { kind: 'time' } }),
  a.accessor('actor', { header: 'Who', size: 120, meta: { kind: 'id' } }),
  a.accessor('action', { header: 'Action', size: 190, meta: { kind: 'enum' } }),
  a.accessor('details', { header: 'Details', size: 640, enableSorting: false, meta: { kind: 'json' } }),
  a.accessor('hash', {
    header: 'Hash',
    size: 110,
    enableSorting: false,
    meta: { kind: 'id', fixedWidth: true },
    cell: (c) => <code className="dim" title={c.getValue<string>()}>{shortHash(c.getValue<string>())}</code>,
  }),
];
// Any change may journal an entry, and not every event lists the audit table.
const TABLES = ['*'];
const seqId = (e: AuditEntry) => String(e.seq);
const searchText = (e: AuditEntry) => `${e.seq} ${e.actor} ${e.action} ${e.at} ${JSON.stringify(e.details)}`;

export function AuditPage() {
  const { entries, total, action, error, stamp, loadingOlder, hasOlder, refresh, loadOlder, setAction } = useAudit();
  const badSeq = useAudit((s) => s.verification?.firstBad?.seq ?? null);
  const rowClass = useMemo(() => (e: AuditEntry) => (e.seq === badSeq ? 'row-halted' : undefined), [badSeq]);
  useLiveRefresh(TABLES, refresh);
  const [actionInput, setActionInput] = useState(action);
  useEffect(() => {
    if (actionInput.trim() === action.trim()) return;
    const t = setTimeout(() => setAction(actionInput), 300);
    return () => clearTimeout(t);
  }, [actionInput, action, setAction]);
  const actions = useMemo(() => knownActions(entries), [entries]);
  const drawer = useDrawer<AuditEntry>(entries, seqId, 'audit-table');
  const oldest = entries.length ? entries[entries.length - 1].seq : null;
  const more = hasOlder && oldest !== null && oldest > 1;

  return (
    <section className="page page-audit" data-testid="page-audit">
      <PageHeader title="Audit trail" stamp={stamp} right={<VerifyChain />} />
      <div className="page-body explorer-body">
        {error ? <ErrorPanel error={error} onRetry={() => void refresh()} /> : null}
        <DataTable<AuditEntry>
          tableId="audit"
          testId="audit-table"
          rowTestId="audit-row"
          data={entries}
          columns={columns}
          getRowId={seqId}
          onOpen={drawer.open}
          onSelect={drawer.onSelect}
          searchText={searchText}
          rowClass={rowClass}
          toolbar={
            <>
              <input
                className="input audit-action"
                list="audit-actions"
                placeholder="Action, exact (e.g. simulate.tick)"
                value={actionInput}
                onChange={(e) => setActionInput(e.target.value)}
                aria-label="Filter by action"
                data-testid="audit-action-filter"
                spellCheck={false}
              />
              <datalist id="audit-actions">
                {actions.map((x) => (
                  <option key={x} value={x} />
                ))}
              </datalist>
            </>
          }
          status={
            <span className="dt-status" data-testid="audit-loaded">
              {entries.length.toLocaleString('en-US')} loaded · {total.toLocaleString('en-US')} in the trail
              {more ? (
                <button type="button" className="btn btn-small" onClick={() => void loadOlder()} disabled={loadingOlder} data-testid="audit-load-older">
                  {loadingOlder ? 'Loading…' : 'Load older'}
                </button>
              ) : null}
            </span>
          }
          empty={action ? `No entries with the action "${action}" (the match is exact).` : 'The audit trail is empty.'}
        />
      </div>
      {drawer.openRow ? (
        <DetailDrawer
          title={drawer.openRow.action}
          subtitle={`#${drawer.openRow.seq} · ${shownTime(drawer.openRow.at)}`}
          onClose={drawer.close}
          json={drawer.openRow.details}
          jsonLabel="Details"
          fields={[
            { label: 'Seq', value: <span className="num">{drawer.openRow.seq}</span> },
            { label: 'When', value: shownTime(drawer.openRow.at) },
            { label: 'Who', value: drawer.openRow.actor },
            { label: 'Hash', value: <code className="break">{drawer.openRow.hash}</code> },
            { label: 'Previous hash', value: <code className="break">{drawer.openRow.prevHash}</code> },
          ]}
        />
      ) : null}
    </section>
  );
}

function VerifyChain() {
  const { verification, verifying, verifyError, verify } = useAudit();
  return (
    <div className="verify">
      {verification ? (
        verification.ok ? (
          <Badge tone="ok" testId="audit-verify-result">
            Chain OK ({verification.entries.toLocaleString('en-US')} {verification.entries === 1 ? 'entry' : 'entries'})
          </Badge>
        ) : (
          <span className="verify-bad" data-testid="audit-verify-result">
            <Badge tone="halt">Chain broken</Badge>
            {verification.firstBad
              ? ` at entry #${verification.firstBad.seq}: ${verification.firstBad.reason}`
              : ` (${verification.entries} entries checked)`}
          </span>
        )
      ) : null}
      {verifyError ? (
        <span className="verify-bad" data-testid="audit-verify-result">
          <Badge tone="halt">{verifyError.code}</Badge> {verifyError.message}
          {verifyError.where ? <code> ({verifyError.where})</code> : null}
        </span>
      ) : null}
      <button type="button" className="btn btn-primary" onClick={() => void verify()} disabled={verifying} data-testid="audit-verify">
        {verifying ? 'Verifying…' : 'Verify chain'}
      </button>
    </div>
  );
}
