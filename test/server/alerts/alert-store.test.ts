import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertStore, type StoredAlert } from '../../../server/alerts/alert-store';
import { SCHEMA_VERSION, checkAlertDatabasePath, openAlertDatabase } from '../../../server/alerts/alert-db';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hotconf-store-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const alert = (fingerprint: string, receivedAt?: string): StoredAlert => ({
  fingerprint,
  status: 'firing',
  labels: { alertname: 'HighLatency', constructor: 'x' },
  annotations: { summary: 'p99 above 1s' },
  startsAt: '2024-05-01T10:00:00Z',
  endsAt: null,
  ...(receivedAt ? { receivedAt } : {}),
});

describe('openAlertDatabase', () => {
  it('creates the file and the alerts table, in WAL mode', () => {
    const db = openAlertDatabase(join(dir, 'alerts-new.db'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const index = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'alerts'").all();
      expect(index).toContainEqual({ name: 'alerts_received_at' });
    } finally {
      db.close();
    }
  });

  it('reopens a migrated database without migrating it again', () => {
    const path = join(dir, 'alerts.db');
    const first = new AlertStore(openAlertDatabase(path));
    first.insert([alert('a')]);
    first.close();
    const again = new AlertStore(openAlertDatabase(path));
    expect(again.count()).toBe(1);
    again.close();
  });

  it('explains a path under a file with the path, ENOTDIR and what to do', () => {
    expect(() => openAlertDatabase('/dev/null/alerts.db')).toThrow(
      /cannot open database\.path \/dev\/null\/alerts\.db: a parent of the path is not a directory \(ENOTDIR\): choose a database\.path/,
    );
  });

  it('refuses a file that is not an SQLite database', () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'hello, this is not a database at all, but it is long enough to have a header'.repeat(10));
    expect(() => openAlertDatabase(path)).toThrow(/notes\.txt: the file exists and is not an SQLite database; hotconf does not overwrite files/);
    expect(readFileSync(path, 'utf8')).toMatch(/^hello, this is not a database/);
  });

  it('refuses a database written by a newer schema', () => {
    const path = join(dir, 'future.db');
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openAlertDatabase(path)).toThrow(/newer than this build's/);
    expect(() => checkAlertDatabasePath(path)).toThrow(/newer than this build's/);
  });
});

describe('checkAlertDatabasePath (plans)', () => {
  it('refuses a path in a directory that does not exist, and creates nothing', () => {
    const path = join(dir, 'later', 'alerts.db');
    expect(() => checkAlertDatabasePath(path)).toThrow(/its folder .*later does not exist, and hotconf creates no folders/);
    expect(() => openAlertDatabase(path)).toThrow(/its folder .*later does not exist, and hotconf creates no folders/);
    expect(existsSync(join(dir, 'later'))).toBe(false);
  });

  it('accepts a new file in an existing directory, and creates nothing', () => {
    const path = join(dir, 'not-yet.db');
    expect(() => checkAlertDatabasePath(path)).not.toThrow();
    expect(existsSync(path)).toBe(false);
  });

  it('rejects /dev/null/alerts.db with ENOTDIR', () => {
    expect(() => checkAlertDatabasePath('/dev/null/alerts.db')).toThrow(/ENOTDIR/);
  });

  it('rejects a directory', () => {
    expect(() => checkAlertDatabasePath(dir)).toThrow(/EISDIR/);
  });
});

describe('AlertStore', () => {
  it('inserts a batch and reads it back newest first, labels intact', () => {
    const store = new AlertStore(openAlertDatabase(join(dir, 'a.db')));
    store.insert([alert('old', '2024-05-01T10:00:00.000Z'), alert('new', '2024-05-01T11:00:00.000Z')]);
    expect(store.count()).toBe(2);
    const [newest, older] = store.recent(10);
    expect(newest).toMatchObject({ fingerprint: 'new', receivedAt: '2024-05-01T11:00:00.000Z', labels: { alertname: 'HighLatency', constructor: 'x' } });
    expect(older!.fingerprint).toBe('old');
    expect(store.recent(1)).toHaveLength(1);
    store.close();
  });

  it('prunes alerts received longer ago than the retention', () => {
    const store = new AlertStore(openAlertDatabase(join(dir, 'a.db')));
    const now = Date.parse('2024-05-02T00:00:00Z');
    store.insert([alert('ancient', '2024-04-01T00:00:00Z'), alert('fresh', '2024-05-01T23:00:00Z')]);
    expect(store.prune(24 * 3_600_000, now)).toBe(1);
    expect(store.recent(10).map((a) => a.fingerprint)).toEqual(['fresh']);
    store.close();
  });

  it('pings while open and fails once closed', () => {
    const store = new AlertStore(openAlertDatabase(join(dir, 'a.db')));
    expect(() => store.ping()).not.toThrow();
    store.close();
    expect(store.open).toBe(false);
    expect(() => store.ping()).toThrow();
    expect(() => store.close()).not.toThrow();
  });
});
