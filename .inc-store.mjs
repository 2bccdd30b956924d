// ../../tmp/inc/store.ts
import { readFileSync as readFileSync2, mkdtempSync } from "node:fs";

// server/reload/state-store.ts
import Database from "better-sqlite3";
import { existsSync as existsSync2, mkdirSync, renameSync } from "node:fs";
import { join as join3 } from "node:path";

// server/wal-checkpoint/client.ts
import { join as join2 } from "node:path";
import { Worker } from "node:worker_threads";

// server/console/start.ts
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// server/console/settings.ts
import { z } from "zod";
var envSchema = z.object({
  HOTCONF_REPO: z.string({ error: "HOTCONF_REPO is not set: set it to the config repository directory (the one holding config.yaml)" }).min(1, { error: "HOTCONF_REPO is empty: set it to the config repository directory" }),
  HOTCONF_SERVICE_URL: z.string({ error: "HOTCONF_SERVICE_URL is not set: set it to the service admin URL, e.g. http://127.0.0.1:9180" }).refine(isHttpUrl, { error: "HOTCONF_SERVICE_URL must be an http(s) URL such as http://127.0.0.1:9180" }),
  HOTCONF_ADMIN_TOKEN: z.string({ error: "HOTCONF_ADMIN_TOKEN is not set: set it to the service admin token (the token file in the service data dir)" }).min(1, { error: "HOTCONF_ADMIN_TOKEN is empty: set it to the service admin token" }),
  // It named the author of every console commit before sign-in existed; a console that still
  // sets it would expect commits by that author, so it is refused rather than ignored.
  HOTCONF_USER: z.never({ error: "HOTCONF_USER (--user) is no longer used: commits are authored by the signed-in console user (`hotconf user add NAME --email EMAIL`); unset it" }).optional(),
  HOTCONF_SIGNAL: z.enum(["api", "pid"], { error: "HOTCONF_SIGNAL must be 'api' (POST /-/reload, the default) or 'pid' (SIGHUP the pid in HOTCONF_PID_FILE)" }).default("api"),
  HOTCONF_PID_FILE: z.string().min(1).optional(),
  HOTCONF_REMOTE: z.string().min(1).optional()
});
function isHttpUrl(text) {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.search === "" && url.hash === "";
  } catch {
    return false;
  }
}

// server/console/start.ts
function projectRoot(from = dirname(fileURLToPath(import.meta.url))) {
  for (let dir2 = from; ; dir2 = dirname(dir2)) {
    const pkg = join(dir2, "package.json");
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).name === "hotconf") return dir2;
    if (dirname(dir2) === dir2) throw new Error(`cannot find hotconf's package.json above ${from}`);
  }
}

// server/wal-checkpoint/client.ts
var SQLITE_AUTOCHECKPOINT_PAGES = 1e3;
var BACKSTOP_BYTES = 1e3 * 4096;
var CHECKPOINT_EVERY_MS = 1e3;
var WalCheckpointer = class {
  constructor(opts = {}) {
    this.opts = opts;
    this.entry = opts.entry ?? join2(projectRoot(), "dist", "checkpoint-worker.js");
  }
  opts;
  worker = null;
  failed = false;
  adopted = /* @__PURE__ */ new Map();
  entry;
  /** From now on the thread checkpoints `db` (a WAL database on a file). `release()` just
   *  before `db` closes; `active` says whether the thread still checkpoints it (false when
   *  it never started or was handed back: the connection checkpoints on its own). */
  adopt(db) {
    const worker = this.start();
    if (!worker || db.memory) return { release: () => void 0, active: false };
    const path = db.name;
    const pageSize = db.pragma("page_size", { simple: true });
    db.pragma(`wal_autocheckpoint = ${this.opts.backstopPages ?? Math.max(1, Math.round(BACKSTOP_BYTES / pageSize))}`);
    this.adopted.set(path, db);
    this.post({ op: "adopt", path });
    const adopted = this.adopted;
    return {
      release: () => {
        if (adopted.get(path) !== db) return;
        adopted.delete(path);
        this.post({ op: "release", path });
      },
      get active() {
        return adopted.get(path) === db;
      }
    };
  }
  /** Stops the thread; adopted connections checkpoint themselves again. */
  async close() {
    const worker = this.worker;
    this.worker = null;
    this.handBack("the checkpointer was closed", false);
    await worker?.terminate();
  }
  start() {
    if (this.worker || this.failed) return this.worker;
    try {
      const workerData = { everyMs: this.opts.everyMs ?? CHECKPOINT_EVERY_MS };
      const worker = new Worker(this.entry, { workerData });
      worker.unref();
      worker.on("message", (reply) => this.receive(reply));
      worker.once("error", (err) => this.lost(worker, `the WAL checkpointer thread failed (${err.message})`));
      worker.once("exit", (code) => this.lost(worker, `the WAL checkpointer thread exited (code ${code})`));
      this.worker = worker;
    } catch (err) {
      this.failed = true;
      this.opts.onFault?.(`the WAL checkpointer thread could not start (${err.message}): databases checkpoint on their own connections`);
    }
    return this.worker;
  }
  receive(reply) {
    if (reply.op === "checkpointed") return this.opts.onCheckpoint?.(reply);
    const db = this.adopted.get(reply.path);
    this.adopted.delete(reply.path);
    if (db?.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    this.opts.onFault?.(`checkpointing ${reply.path} in the background failed (${reply.error}): its connection checkpoints on its own again`);
  }
  lost(worker, why) {
    if (this.worker !== worker) return;
    this.worker = null;
    this.failed = true;
    this.handBack(why, true);
  }
  /** Every adopted connection checkpoints on its own again. */
  handBack(why, fault) {
    const paths = [...this.adopted.keys()];
    for (const db of this.adopted.values()) if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    this.adopted.clear();
    if (fault && paths.length > 0) this.opts.onFault?.(`${why}: ${paths.join(", ")} checkpoint on their own connections again`);
  }
  post(req) {
    this.worker?.postMessage(req);
  }
};
var shared = null;
var reportFault = null;
function walCheckpointer() {
  return shared ??= new WalCheckpointer({ onFault: (message) => reportFault?.(message) });
}

// server/reload/state-store.ts
var CHECKPOINT_IDLE_MS = 20;
var CHECKPOINT_EVERY = 300;
var KEEP_RECORDS = 1e4;
var BUSY_TIMEOUT_MS = 50;
var StateStore = class {
  path;
  /** Set when this open found hotconf.db corrupt and replaced it. */
  movedAside = null;
  db;
  stmts;
  insertsSincePrune = 0;
  checkpoint = null;
  writesSinceCheckpoint = 0;
  checkpoints;
  constructor(dataDir, opts = {}) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join3(dataDir, "hotconf.db");
    const timeout = opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
    try {
      this.db = openChecked(this.path, timeout);
    } catch (err) {
      if (!isCorruption(err)) throw err;
      this.movedAside = { path: moveAside(this.path), error: err.message };
      this.db = openChecked(this.path, timeout);
    }
    this.stmts = {
      put: this.db.prepare("INSERT OR REPLACE INTO reloads (id, status, record) VALUES (?, ?, ?)"),
      update: this.db.prepare("UPDATE reloads SET status = ?, record = ? WHERE id = ?"),
      page: this.db.prepare("SELECT id, record FROM reloads WHERE id < ? ORDER BY id DESC LIMIT ?"),
      stale: this.db.prepare("SELECT id, record FROM reloads WHERE status = 'in_progress' AND id < ?"),
      maxId: this.db.prepare("SELECT max(id) AS id FROM reloads"),
      prune: this.db.prepare("DELETE FROM reloads WHERE id <= (SELECT max(id) FROM reloads) - ?"),
      saveGood: this.db.prepare(
        "INSERT INTO last_good (slot, text, commit_sha, hash, saved_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT(slot) DO UPDATE SET text = excluded.text, commit_sha = excluded.commit_sha, hash = excluded.hash, saved_at = excluded.saved_at"
      ),
      loadGood: this.db.prepare('SELECT text, commit_sha AS "commit", hash, saved_at FROM last_good WHERE slot = 1')
    };
    this.checkpoints = walCheckpointer().adopt(this.db);
  }
  /** The highest record id stored (0 when none): new ids continue after it. */
  maxId() {
    return this.stmts.maxId.get().id ?? 0;
  }
  /**
   * Marks reloads left `in_progress` by a previous process as `interrupted` and returns them.
   * Only ids below `before` (the first id of this process): its own reloads are not touched.
   */
  markInterrupted(before = Number.MAX_SAFE_INTEGER) {
    const rows = this.stmts.stale.all(before);
    const mark = this.db.transaction(
      () => rows.map((row) => {
        const record = { ...JSON.parse(row.record), id: row.id };
        record.status = "interrupted";
        record.error = "the service stopped while this reload ran";
        this.stmts.update.run(record.status, JSON.stringify(record), row.id);
        return record;
      })
    );
    return mark();
  }
  /** Writes a record under its own id (a new one, or a newer state of one already stored). */
  put(record) {
    const isNew = record.status === "in_progress";
    this.stmts.put.run(record.id, record.status, JSON.stringify(record));
    if (isNew && ++this.insertsSincePrune >= 500) {
      this.insertsSincePrune = 0;
      this.stmts.prune.run(KEEP_RECORDS);
    }
    this.scheduleCheckpoint();
  }
  /** A passive checkpoint once writes pause for CHECKPOINT_IDLE_MS — or at once after
   *  CHECKPOINT_EVERY writes without a pause, so that a burst of reloads cannot grow the WAL
   *  without bound. Passive: it never waits for readers, so it cannot block on a lock. */
  scheduleCheckpoint() {
    if (this.checkpoints.active) return;
    if (++this.writesSinceCheckpoint >= CHECKPOINT_EVERY) {
      this.runCheckpoint();
      return;
    }
    if (this.checkpoint) clearTimeout(this.checkpoint);
    this.checkpoint = setTimeout(() => this.runCheckpoint(), CHECKPOINT_IDLE_MS);
    this.checkpoint.unref();
  }
  runCheckpoint() {
    if (this.checkpoint) clearTimeout(this.checkpoint);
    this.checkpoint = null;
    this.writesSinceCheckpoint = 0;
    try {
      this.db.pragma("wal_checkpoint(PASSIVE)");
    } catch {
    }
  }
  /** Newest first; `before` is an id (exclusive). */
  history(opts = {}) {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
    const rows = this.stmts.page.all(opts.before ?? Number.MAX_SAFE_INTEGER, limit + 1);
    const records = rows.slice(0, limit).map((r) => ({ ...JSON.parse(r.record), id: r.id }));
    return { records, next_before: rows.length > limit ? records[records.length - 1].id : null };
  }
  saveLastGood(good) {
    this.stmts.saveGood.run(good.text, good.commit, good.hash, (/* @__PURE__ */ new Date()).toISOString());
    this.scheduleCheckpoint();
  }
  lastGood() {
    return this.stmts.loadGood.get() ?? null;
  }
  close() {
    if (this.checkpoint) clearTimeout(this.checkpoint);
    this.checkpoint = null;
    this.checkpoints.release();
    this.db.close();
  }
};
function openChecked(path, timeout) {
  const db = new Database(path, { timeout });
  try {
    db.pragma("page_size = 65536");
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("wal_autocheckpoint = 0");
    const check = db.pragma("quick_check", { simple: true });
    if (check !== "ok") throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: "SQLITE_CORRUPT" });
    db.exec(`
      CREATE TABLE IF NOT EXISTS reloads (id INTEGER PRIMARY KEY AUTOINCREMENT, status TEXT NOT NULL, record TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS last_good (slot INTEGER PRIMARY KEY CHECK (slot = 1), text TEXT NOT NULL, commit_sha TEXT, hash TEXT NOT NULL, saved_at TEXT NOT NULL);
    `);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
function isCorruption(err) {
  const code = err.code ?? "";
  return code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT");
}
function moveAside(path) {
  const aside = `${path}.corrupt-${(/* @__PURE__ */ new Date()).toISOString().replace(/[:.]/g, "-")}`;
  renameSync(path, aside);
  for (const suffix of ["-wal", "-shm"]) if (existsSync2(path + suffix)) renameSync(path + suffix, aside + suffix);
  return aside;
}

// ../../tmp/inc/store.ts
var texts = [readFileSync2("/tmp/inc/a.yaml", "utf8"), readFileSync2("/tmp/inc/b.yaml", "utf8")];
var dir = mkdtempSync("/tmp/inc/store-");
var s = new StateStore(dir);
var q = (a, x) => [...a].sort((p, r) => p - r)[Math.floor(a.length * x)].toFixed(3);
var sg = [];
var pb = [];
var pf = [];
var id = s.maxId();
var rec = (i, status) => ({ id: i, trigger: "api", commit: null, dirty: false, config_hash: "x".repeat(64), status, started_at: (/* @__PURE__ */ new Date()).toISOString(), duration_ms: 3.1, phases: [{ name: "load", status: "success", duration_ms: 1 }], components: [{ name: "receivers", status: "success", duration_ms: 0.3 }], changes: [{ path: "receivers.501.webhook_configs.0.url", kind: "changed" }], rolled_back: false });
for (let i = 0; i < 330; i++) {
  const n = ++id;
  let t = performance.now();
  s.put(rec(n, "in_progress"));
  pb.push(performance.now() - t);
  t = performance.now();
  s.saveLastGood({ text: texts[i & 1], commit: null, hash: "h" + i });
  sg.push(performance.now() - t);
  t = performance.now();
  s.put(rec(n, "success"));
  pf.push(performance.now() - t);
  await new Promise((r) => setTimeout(r, 25));
}
for (const [k, a] of [["put begin", pb], ["saveLastGood", sg], ["put finish", pf]]) console.log(k.padEnd(14), "p50", q(a.slice(30), 0.5), "p95", q(a.slice(30), 0.95));
console.log("page", s.db.pragma("page_size", { simple: true }), "adopted", s.checkpoints.active);
s.close();
process.exit(0);
