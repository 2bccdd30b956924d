// The engine's state across restarts: silences and the notification log, in one SQLite file
// in the data dir (`engine.db`), written through on every change. Alertmanager snapshots
// them every 15 minutes and on shutdown, so a crash can repeat notifications; a write-through
// log cannot: a notification that was sent is recorded before the next one is decided.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { LogEntry } from './notification-log';
import type { Silence } from './silences';
import { type Adoption, walCheckpointer } from '../../wal-checkpoint/client';

export class EngineState {
  private readonly db: Database.Database;
  private readonly putLog: Database.Statement<[string, string, number]>;
  private readonly putSilence: Database.Statement<[string, string]>;
  private readonly checkpoints: Adoption;

  constructor(dataDir: string) {
    this.db = new Database(join(dataDir, 'engine.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 50');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS nflog (key TEXT PRIMARY KEY, entry TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS silences (id TEXT PRIMARY KEY, silence TEXT NOT NULL);
    `);
    this.putLog = this.db.prepare('INSERT INTO nflog (key, entry, at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET entry = excluded.entry, at = excluded.at');
    this.putSilence = this.db.prepare('INSERT INTO silences (id, silence) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET silence = excluded.silence');
    // Written on every notification: its checkpoints go to the checkpointer's thread too.
    this.checkpoints = walCheckpointer().adopt(this.db);
  }

  saveLog(key: string, entry: LogEntry): void {
    this.putLog.run(key, JSON.stringify({ firing: [...entry.firing], resolved: [...entry.resolved], at: entry.at }), entry.at);
  }

  loadLog(): [string, LogEntry][] {
    return (this.db.prepare('SELECT key, entry FROM nflog').all() as { key: string; entry: string }[]).map(({ key, entry }) => {
      const e = JSON.parse(entry) as { firing: string[]; resolved: string[]; at: number };
      return [key, { firing: new Set(e.firing), resolved: new Set(e.resolved), at: e.at }];
    });
  }

  dropLogBefore(at: number): void {
    this.db.prepare('DELETE FROM nflog WHERE at < ?').run(at);
  }

  saveSilence(s: Silence): void {
    this.putSilence.run(s.id, JSON.stringify(s));
  }

  loadSilences(): Silence[] {
    return (this.db.prepare('SELECT silence FROM silences').all() as { silence: string }[]).map((r) => JSON.parse(r.silence) as Silence);
  }

  dropSilence(id: string): void {
    this.db.prepare('DELETE FROM silences WHERE id = ?').run(id);
  }

  close(): void {
    if (!this.db.open) return;
    this.checkpoints.release();
    this.db.close();
  }
}
