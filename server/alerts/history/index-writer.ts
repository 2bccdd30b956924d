// The term index's writer (table alert_terms), apart from the store so the index thread
// (server/index-thread/) runs the same code on its own connection as the event loop does
// when that thread is not there.
import type Database from 'better-sqlite3';
import type { Labels } from '../labels';
import { termsOf } from './terms';

/** Index rows written by one INSERT statement (3 parameters each; SQLite allows 32,766). */
const TERMS_PER_STATEMENT = 100;

/** The term index's writer: the alerts after history_index.indexed_to, in id order; their
 *  index rows sorted by key and written TERMS_PER_STATEMENT to a statement, so the index's
 *  pages are touched in sequence and the call overhead is paid once per chunk. Each batch
 *  is one IMMEDIATE transaction: it reads the watermark, then writes, and a deferred one
 *  whose snapshot another connection committed past meanwhile (the service's inserts, when
 *  this runs on the index thread) would fail with SQLITE_BUSY_SNAPSHOT instead of waiting. */
export function termIndexWriter(db: Database.Database): (batch: number) => number {
  const next = db.prepare<[number, number]>('SELECT id, status, labels, receivers, received_at, commit_sha FROM alerts WHERE id > ? ORDER BY id LIMIT ?');
  const watermark = db.prepare('SELECT indexed_to FROM history_index');
  const advance = db.prepare<[number]>('UPDATE history_index SET indexed_to = ?');
  const one = db.prepare('INSERT OR IGNORE INTO alert_terms (term, received_at, alert_id) VALUES (?, ?, ?)');
  const many = db.prepare(`INSERT OR IGNORE INTO alert_terms (term, received_at, alert_id) VALUES ${Array(TERMS_PER_STATEMENT).fill('(?, ?, ?)').join(', ')}`);
  const write = db.transaction((batch: number) => {
    const from = (watermark.get() as { indexed_to: number }).indexed_to;
    const rows = next.all(from, batch) as Array<{ id: number; status: string; labels: string; receivers: string | null; received_at: number; commit_sha: string | null }>;
    if (rows.length === 0) return 0;
    const keys: Array<[number, number, number]> = [];
    for (const row of rows) {
      const receivers = row.receivers ? (JSON.parse(row.receivers) as string[]) : [];
      for (const term of termsOf({ labels: JSON.parse(row.labels) as Labels, receivers, status: row.status, commit: row.commit_sha })) keys.push([term, row.received_at, row.id]);
    }
    keys.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    let i = 0;
    for (; i + TERMS_PER_STATEMENT <= keys.length; i += TERMS_PER_STATEMENT) many.run(keys.slice(i, i + TERMS_PER_STATEMENT).flat());
    for (const [term, at, id] of keys.slice(i)) one.run(term, at, id);
    advance.run(rows[rows.length - 1]!.id);
    return rows.length;
  });
  return (batch) => write.immediate(batch);
}
