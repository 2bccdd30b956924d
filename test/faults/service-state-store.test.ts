// Issue 12, acceptance 3 (state): the service's own storage failing — the last good config
// cannot be saved, hotconf.db locked by another process for 10 s, hotconf.db corrupt, the
// data dir read-only. In each the service stays up, says what is wrong (status warnings, log),
// and runs the config it should. Waits are on log lines, events and the API.
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServiceProcess, freePort, sampleConfig, serviceProcess, liveReceivers, hup } from '../support/service-process';

let svc: ServiceProcess | undefined;
afterEach(async () => {
  await svc?.stop();
  if (svc) chmodSync(svc.dataDir, 0o755);
  svc?.cleanup();
  svc = undefined;
});



describe('the last good config cannot be saved', () => {
  it('the reload succeeds with a warning, the service runs the new config, and a restart after kill -9 runs it too', async () => {
    const port = await freePort();
    svc = await serviceProcess({ config: sampleConfig({ port }) });
    await svc.start({ HOTCONF_FAILPOINTS: 'state.save_last_good=throw' });
    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'new'] }));
    const record = await hup(svc);
    expect(record.status).toBe('success');
    expect(record.warnings).toContainEqual(expect.stringMatching(/^the last good config was not saved \(failpoint state.save_last_good: injected failure\): the service runs this config/));
    expect(await liveReceivers(svc, port)).toEqual(['default', 'new']);
    const status = await svc.status();
    expect(status).toMatchObject({ status: 'success', version: 2, ready: true });
    expect(status.warnings).toContainEqual(expect.stringMatching(/last good config could not be saved/));
    // The record itself was written (not left in_progress): a kill now is not a crash in this config.
    expect((await svc.history(1))[0]).toMatchObject({ id: record.id, status: 'success' });

    svc.signal('SIGKILL');
    await svc.exited();
    await svc.start();
    expect(await liveReceivers(svc, port)).toEqual(['default', 'new']);
    expect(await svc.status()).toMatchObject({ source: 'file', status: 'success', warnings: [] });
    expect((await svc.history(5)).find((r: any) => r.id === record.id).status).toBe('success');
  });
});

describe('hotconf.db locked by another process for 10 s', () => {
  it('reloads go on, recorded in memory and reported as such; the service listener keeps answering; the records reach the file when the lock goes', async () => {
    const port = await freePort();
    svc = await serviceProcess({ config: sampleConfig({ port }) });
    await svc.start();
    const dbPath = join(svc.dataDir, 'hotconf.db');
    const locker = new Database(dbPath);
    locker.exec('BEGIN IMMEDIATE'); // the write lock: every write of the service is refused
    const lockedAt = Date.now();
    const unlocked = new Promise<void>((resolve) =>
      setTimeout(() => {
        locker.exec('ROLLBACK');
        locker.close();
        resolve();
      }, 10_000),
    );

    // The service listener, probed all along: how long does the event loop stall?
    let probing = true;
    const latencies: number[] = [];
    const prober = (async () => {
      while (probing) {
        const t = performance.now();
        expect((await svc!.service(port, '/healthz')).status).toBe(200);
        latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 10)); // a steady client, not a flood (the pacing of the load, not a wait)
      }
    })();

    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'during-lock'] }));
    const first = await hup(svc);
    expect(first.status).toBe('success');
    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'during-lock', 'second'] }));
    const { status: code, body: second } = await svc.reload();
    expect(code).toBe(200);
    expect(Date.now() - lockedAt).toBeLessThan(10_000); // both ran while the file was locked
    expect(await liveReceivers(svc, port)).toEqual(['default', 'during-lock', 'second']);
    const status = await svc.status();
    expect(status).toMatchObject({ version: 3, in_progress: false, ready: true });
    expect(status.warnings).toContainEqual(expect.stringMatching(/^state store unavailable \(SQLITE_BUSY: database is locked\): \d+ writes? kept in memory/));
    expect((await svc.history(2)).map((r: any) => [r.id, r.status])).toEqual([[second.id, 'success'], [first.id, 'success']]);
    expect(await svc.metrics()).toContain('config_reload_in_progress 0');

    await unlocked;
    await svc.waitForLine(/^state store is back/, 10_000);
    probing = false;
    await prober;
    expect((await svc.status()).warnings).toEqual([]);
    const inFile = new Database(dbPath, { readonly: true });
    const rows = inFile.prepare('SELECT id, status FROM reloads WHERE id >= ? ORDER BY id').all(first.id);
    inFile.close();
    expect(rows).toEqual([{ id: first.id, status: 'success' }, { id: second.id, status: 'success' }]);
    expect(svc.child.exitCode).toBeNull();
    // One bounded busy wait per write attempt (50 ms), never the driver's 5 s.
    expect(Math.max(...latencies)).toBeLessThan(1000);
    console.log(`locked hotconf.db: ${latencies.length} /healthz probes, max ${Math.max(...latencies).toFixed(1)} ms`);
  });
});

describe('hotconf.db corrupt', () => {
  it('is moved aside with a loud log line, a fresh one is created, and the service starts and records reloads', async () => {
    const port = await freePort();
    svc = await serviceProcess({ config: sampleConfig({ port }) });
    await svc.start();
    expect(await svc.stop()).toBe(0);
    writeFileSync(join(svc.dataDir, 'hotconf.db'), Buffer.alloc(8192, 0x5a)); // not a database any more

    await svc.start();
    const loud = await svc.waitForLine(/^STATE STORE CORRUPT/);
    expect(loud.level).toBe('error');
    const aside = readdirSync(svc.dataDir).filter((f) => f.startsWith('hotconf.db.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(loud.moved_to).toBe(join(svc.dataDir, aside[0]!));
    const status = await svc.status();
    expect(status).toMatchObject({ ready: true, source: 'file' });
    expect(status.warnings).toEqual([expect.stringMatching(/^hotconf.db was corrupt \(.*file is not a database.*\): moved to .*hotconf.db.corrupt-.* and replaced by an empty one/)]);

    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'after'] }));
    const record = await hup(svc);
    expect(record.status).toBe('success');
    const fresh = new Database(join(svc.dataDir, 'hotconf.db'), { readonly: true });
    expect(fresh.prepare('SELECT status FROM reloads WHERE id = ?').get(record.id)).toEqual({ status: 'success' });
    fresh.close();
  });
});

describe('the data dir is read-only', () => {
  it('the service starts and reloads, keeps records in memory and says the state store and the pid file are unavailable', async () => {
    const port = await freePort();
    const root = process.getuid?.() === 0;
    const config = (receivers: string[]) => sampleConfig({ port, receivers }).replace('  path: alerts.db', '  path: history/alerts.db');
    svc = await serviceProcess({ config: config(['default']), ...(root ? { uid: 65534, gid: 65534 } : {}) });
    // The service user may write one folder inside the data dir (the alert history, which
    // must live in the data dir) but not the data dir itself.
    chmodSync(svc.dir, 0o777);
    mkdirSync(join(svc.dataDir, 'history'), { recursive: true });
    chmodSync(join(svc.dataDir, 'history'), 0o777);
    chmodSync(svc.dataDir, 0o555);
    await svc.start();
    const status = await svc.status();
    expect(status).toMatchObject({ ready: true, status: 'success' });
    expect(status.warnings).toEqual([
      expect.stringMatching(/^state store unavailable \(.*(SQLITE_CANTOPEN|EACCES|read-only|readonly).*\): \d+ writes? kept in memory/),
      expect.stringMatching(/^the pid file .*hotconf.pid could not be written \(EACCES.*\): signalling by pid file will not find this process/),
    ]);
    expect(existsSync(join(svc.dataDir, 'hotconf.pid'))).toBe(false);

    svc.writeConfig(config(['default', 'ro']));
    const record = await hup(svc);
    expect(record.status).toBe('success');
    expect(await liveReceivers(svc, port)).toEqual(['default', 'ro']);
    expect((await svc.history(2)).map((r: any) => r.status)).toEqual(['success', 'success']);
    expect(await svc.stop()).toBe(0);
  });
});
