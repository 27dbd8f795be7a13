// The console's heavy reads of the live tables, as one function of a LiveStore: desk.status's
// figures (every position summed per account), a sorted, searched or filtered window of positions,
// a window of orders with its counts per status, a page of the audit trail. The main thread answers
// them on the writer's connection and a worker on a reader's (workers/read-task.ts) with this same
// code, so where a read runs changes nothing in its answer.
import type { AuditPage, OrderPage, OrderQuery, ParsedRequestOf, PositionPage, PositionQuery } from '../../../shared/api/contract';
import { listAudit } from '../audit/audit-log';
import { deskFigures, type DeskFigures } from './desk-summary';
import type { LiveStore } from './live-store';

export interface LiveReads {
  'desk.figures': { request: Record<string, never>; answer: DeskFigures };
  'positions.list': { request: PositionQuery; answer: PositionPage };
  'orders.list': { request: OrderQuery; answer: OrderPage };
  'audit.list': { request: ParsedRequestOf<'audit.list'>; answer: AuditPage };
}
export type LiveReadName = keyof LiveReads;
export type LiveRead = { [N in LiveReadName]: { name: N; request: LiveReads[N]['request'] } }[LiveReadName];

export function answerRead<N extends LiveReadName>(store: LiveStore, name: N, request: LiveReads[N]['request']): LiveReads[N]['answer'];
export function answerRead(store: LiveStore, name: LiveReadName, request: unknown): unknown {
  switch (name) {
    case 'desk.figures':
      return deskFigures(store);
    case 'positions.list':
      return store.positionsPage(request as PositionQuery);
    case 'orders.list':
      return store.queryOrders(request as OrderQuery);
    case 'audit.list':
      return listAudit(store.db, request as ParsedRequestOf<'audit.list'>);
  }
}
