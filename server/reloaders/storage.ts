// Component `storage` (database.*): the alert-history database.
//
// A new database.path (or the first start) opens, migrates and pings the new file in
// prepare, while the old store keeps serving; activate swaps `current`; commit closes the
// old database. better-sqlite3 is synchronous, so no query can be in flight across an
// await: by the time commit runs, nothing is using the old handle and closing it at once is
// safe. Only retention/max_connections changed → a settings-only reload that keeps the
// open store. max_connections is recorded but SQLite runs on one connection (writes
// serialize anyway; WAL lets readers of other processes proceed).
//
// Retention prunes run on commit, not on activate, and then hourly: a prune deletes rows,
// which no rollback could bring back, so it waits until the reload has stuck. A prune is a
// background pass in small batches (alerts/history/pruner.ts) that reads the live store
// and retention before each batch: ingest never waits for it, and a reload that moves the
// database mid-pass simply ends it (the next pass prunes the new file). The history's term
// index is written behind ingest (alerts/history/indexer.ts), every INDEX_EVERY_MS while a
// store is live. The history writer's batches and the index passes run on the history
// thread (history-thread/), on a connection of its own to the live file; when that thread
// is not available, on the event loop (the store itself; the index as a pass like the
// prune's). Every store closes through `closeStore`, which first has the thread close its
// connection to that file.
import { resolve } from 'node:path';
import type { Config } from '../config/schema';
import { parseDuration } from '../config/duration';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { AlertStore } from '../alerts/alert-store';
import { checkAlertDatabasePath, openAlertDatabase } from '../alerts/alert-db';
import { HistoryPruner, type PrunedTable } from '../alerts/history/pruner';
import { HistoryIndexer } from '../alerts/history/indexer';
import { HistoryThread } from '../history-thread/client';
import type { HistorySink } from '../alerts/engine/history-writer';
import { refuseIfAbandoned } from './abandoned';
import type { Reloader, ReloadContext } from './types';

export interface StorageSettings {
  /** Absolute path of the SQLite file. */
  path: string;
  retentionMs: number;
  maxConnections: number;
}

export type StoragePrepared = { kind: 'open'; store: AlertStore; settings: StorageSettings } | { kind: 'settings'; settings: StorageSettings };

export interface StorageOptions {
  timeoutMs?: number;
  /** Relative database paths resolve against this: the service's data dir (the working
   *  directory when absent, for tests). */
  baseDir?: string;
  /** How often retention is enforced after the first prune. */
  pruneIntervalMs?: number;
  /** For the hourly prune, which runs outside any reload. */
  log?: Logger;
  /** Rows each prune batch deletes, for the pruned-rows metric. */
  onPruned?(table: PrunedTable, rows: number): void;
  /** Pruning's share of the event loop while it works through a backlog (pruner.ts). */
  pruneDutyCycle?: number;
  /** Write the history on the event loop, never on its thread (tests of that path). */
  historyOnLoop?: boolean;
}

const HOUR_MS = 3_600_000;
/** How often the term index catches up with what was stored (queries scan what it has not). */
const INDEX_EVERY_MS = 250;

export class StorageReloader implements Reloader<StoragePrepared> {
  readonly name = 'storage';
  readonly sections = ['database'] as const;
  readonly critical = true;
  readonly timeoutMs: number;
  private readonly baseDir: string;
  private readonly pruneIntervalMs: number;
  private readonly log: Logger;

  private store: AlertStore | null = null;
  private live: StorageSettings | null = null;
  private pending: { store: AlertStore | null; settings: StorageSettings | null } | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;
  private readonly pruner: HistoryPruner;
  private readonly indexer: HistoryIndexer;
  private readonly thread: HistoryThread | null;
  private indexTimer: NodeJS.Timeout | null = null;
  private readonly swapListeners = new Set<() => void>();

  constructor(opts: StorageOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 5_000;
    this.baseDir = opts.baseDir ?? process.cwd();
    this.pruneIntervalMs = opts.pruneIntervalMs ?? HOUR_MS;
    this.log = opts.log ?? silentLogger;
    this.pruner = new HistoryPruner(() => (this.store && this.live ? { store: this.store, retentionMs: this.live.retentionMs } : null), {
      ...(opts.pruneDutyCycle !== undefined ? { dutyCycle: opts.pruneDutyCycle } : {}),
      onPruned: (table, rows) => opts.onPruned?.(table, rows),
      onError: (err) => this.log.error('pruning alert history failed', { path: this.live?.path, error: err.message }),
    });
    this.indexer = new HistoryIndexer(() => this.store, { onError: (err) => this.indexFailed(err) });
    this.thread = opts.historyOnLoop ? null : new HistoryThread({ onFault: (message) => this.log.warn(message) });
  }

  /** Indexes what was stored since the last pass (tests and tools; the service's timer does
   *  it too); settles with how many alerts the pass indexed. */
  indexNow(): Promise<number> {
    const store = this.store;
    if (!store?.open) return Promise.resolve(0);
    const onThread = this.thread?.pass(store.path);
    return onThread ? onThread.catch((err: Error) => (this.store && this.indexFailed(err), 0)) : this.indexer.run();
  }

  /** Where the history writer's batches go: the history thread's connection to the live
   *  database, or the live store itself when there is no thread. */
  historySink(): HistorySink | null {
    const store = this.store;
    if (!store) return null;
    const thread = this.thread;
    if (!thread) return store;
    return {
      get open() {
        return store.open;
      },
      write: (alerts, attempts, opts) => thread.write(store.path, alerts, attempts, opts) ?? store.write(alerts, attempts),
    };
  }

  private indexFailed(err: Error): void {
    this.log.error('indexing alert history failed', { path: this.live?.path, error: err.message });
  }

  /** Closes a store this component opened; the index thread lets go of the file first. */
  private closeStore(store: AlertStore): void {
    this.thread?.release(store.path);
    store.close();
  }

  /**
   * Called just before the live store is replaced (activate, rollback), while the old one
   * is still `current`: whoever holds rows for it writes them now (the history writer
   * batches for a few ms, and rows received under one database belong in it).
   */
  onStoreSwap(listener: () => void): () => void {
    this.swapListeners.add(listener);
    return () => this.swapListeners.delete(listener);
  }

  private beforeSwap(): void {
    for (const listener of this.swapListeners) listener();
  }

  /** The live alert store; null before the first activate. */
  get current(): AlertStore | null {
    return this.store;
  }

  get settings(): StorageSettings | null {
    return this.live;
  }

  async preflight(next: Config, _ctx: ReloadContext): Promise<void> {
    const settings = this.settingsOf(next);
    if (settings.path !== this.live?.path) checkAlertDatabasePath(settings.path);
  }

  async prepare(next: Config, ctx: ReloadContext): Promise<StoragePrepared> {
    const settings = this.settingsOf(next);
    if (this.store && settings.path === this.live?.path) return { kind: 'settings', settings };
    const store = new AlertStore(openAlertDatabase(settings.path));
    if (ctx.signal.aborted) {
      // The coordinator gave up on this prepare: nobody will discard what we opened.
      store.close();
      throw new Error(`opening ${settings.path} finished after the storage timeout`);
    }
    return { kind: 'open', store, settings };
  }

  async activate(prepared: StoragePrepared, ctx: ReloadContext): Promise<void> {
    refuseIfAbandoned(ctx, this.name, 'activate');
    this.pending = { store: this.store, settings: this.live };
    if (prepared.kind === 'open') {
      this.beforeSwap();
      this.store = prepared.store;
    }
    this.live = prepared.settings;
    this.schedulePrunes();
  }

  async health(_ctx: ReloadContext): Promise<void> {
    if (!this.store) throw new Error('storage has no open database');
    this.store.ping();
  }

  async commit(ctx: ReloadContext): Promise<void> {
    const pending = this.pending;
    this.pending = null;
    if (pending?.store && pending.store !== this.store) this.closeStore(pending.store);
    this.prune(ctx.log);
  }

  async rollback(ctx: ReloadContext): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    refuseIfAbandoned(ctx, this.name, 'rollback');
    this.pending = null;
    if (this.store !== pending.store) this.beforeSwap();
    if (this.store && this.store !== pending.store) this.closeStore(this.store);
    this.store = pending.store;
    this.live = pending.settings;
    if (this.store) this.schedulePrunes();
    else this.stopPrunes();
  }

  async discard(prepared: StoragePrepared, _ctx: ReloadContext): Promise<void> {
    if (prepared.kind === 'open' && prepared.store !== this.store) this.closeStore(prepared.store);
  }

  async close(_ctx: ReloadContext): Promise<void> {
    this.stopPrunes();
    this.pruner.stop();
    this.indexer.stop();
    const store = this.store;
    this.store = null;
    this.live = null;
    this.pending = null;
    if (store) this.closeStore(store);
    await this.thread?.close();
  }

  /** Starts a pass deleting history older than the live retention (its first batch runs
   *  now, the rest in the background); settles with how many rows went. */
  prune(log: Logger = this.log): Promise<number> {
    if (!this.store || !this.live) return Promise.resolve(0);
    const retention = this.live.retentionMs;
    const pass = this.pruner.run();
    void pass.then((removed) => removed > 0 && log.info('pruned alert history', { removed, retention_ms: retention }));
    return pass;
  }

  private settingsOf(next: Config): StorageSettings {
    const db = next.database;
    if (db.driver !== 'sqlite') {
      throw new Error(`database.driver ${db.driver} is not available in this build: use driver sqlite`);
    }
    const retentionMs = parseDuration(db.retention);
    if (retentionMs === null) throw new Error(`database.retention "${db.retention}" is not a duration: write e.g. 720h`);
    return { path: resolve(this.baseDir, db.path), retentionMs, maxConnections: db.max_connections };
  }

  private schedulePrunes(): void {
    if (!this.indexTimer) {
      this.indexTimer = setInterval(() => void this.indexNow(), INDEX_EVERY_MS);
      this.indexTimer.unref();
    }
    if (this.pruneTimer) return;
    // The timer reads the live settings at each tick, so a reload need not restart it;
    // unref'd so it never keeps the process up.
    this.pruneTimer = setInterval(() => this.prune(), this.pruneIntervalMs);
    this.pruneTimer.unref();
  }

  private stopPrunes(): void {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
    if (this.indexTimer) clearInterval(this.indexTimer);
    this.indexTimer = null;
  }
}
