// Export a checkpoint as the strategy-checkpoint JSON files existing bots read:
// exports/<strategy>/<timestamp>.json and exports/<strategy>/latest.json, each written atomically.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { canonicalJson } from '../../../shared/canonical-json';
import { writeFileAtomic } from '../store/atomic-file';
import { getCheckpoint } from './catalog';
import type { Materialized } from './capture';
import type { ChunkCache } from './chunk-cache';
import { readTable } from './read-checkpoint';
import type { Row } from './records';

export interface ExportResult {
  checkpointId: string;
  files: string[];
}

export function exportCheckpoint(db: Database, chunks: ChunkCache, content: Materialized, id: string, exportsDir: string): ExportResult {
  const checkpoint = getCheckpoint(db, id);
  const strategies = readTable(chunks, content, 'strategies');
  const positions = groupBy(readTable(chunks, content, 'positions'), 'strategy_id');
  const openOrders = groupBy(readTable(chunks, content, 'orders').filter((o) => o.is_open === 1), 'strategy_id');
  const stamp = checkpoint.createdAt.replace(/[:.]/g, '-');
  const files: string[] = [];
  for (const s of strategies) {
    const strategyId = String(s.strategy_id);
    const doc = {
      strategy_name: s.name,
      timestamp: checkpoint.createdAt,
      account_id: s.account_id,
      strategy_state: JSON.parse(String(s.state_json)),
      positions: (positions.get(strategyId) ?? []).map((p) => ({
        symbol: p.symbol,
        quantity: p.quantity,
        avg_price: p.avg_price,
        last_price: p.last_price,
        currency: p.currency,
      })),
      pending_orders: (openOrders.get(strategyId) ?? []).map((o) => ({
        order_id: o.order_id,
        client_order_id: o.client_order_id,
        broker_order_id: o.broker_order_id,
        symbol: o.symbol,
        side: o.side,
        order_type: o.type,
        quantity: o.quantity,
        filled_quantity: o.filled_quantity,
        price: o.limit_price,
        stop_price: o.stop_price,
        status: o.status,
        created_at: o.created_at,
      })),
      cash_balance: s.cash,
    };
    const dir = join(exportsDir, safeName(strategyId));
    mkdirSync(dir, { recursive: true });
    const text = canonicalJson(doc, 2) + '\n';
    for (const name of [`${stamp}.json`, 'latest.json']) {
      writeFileAtomic(join(dir, name), text);
      files.push(join(dir, name));
    }
  }
  return { checkpointId: id, files };
}

function groupBy(rows: Row[], column: string): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const k = String(r[column]);
    const list = out.get(k) ?? out.set(k, []).get(k)!;
    list.push(r);
  }
  return out;
}

/** A strategy id as a folder name: no path separators or dot-dot. */
function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
}
