// Issue 12, acceptance 1: the service killed with SIGKILL at each point of a reload restarts
// on the newest config it had fully applied, and its records are honest — the killed reload
// is `interrupted`, no record stays `in_progress`.
//
// "Fully applied" = its last good config was saved (coordinator.ts, settle): the kill points
// up to `reload.before-last-good` lose the new config, the later ones keep it. Each kill is
// the `exit` failpoint (the process sends itself SIGKILL at that point and says which on
// stderr first); every wait is on the process's own output, exit or API, never on time.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceProcess, freePort, sampleConfig, serviceProcess } from '../support/service-process';

const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Where the reload dies, in the order a reload passes them; whether its config was fully
 * applied; what its record says after the restart; what the restart starts from. The file
 * on disk is the killed reload's config, and a reload that died unfinished makes it suspect
 * (a crash loop in the making): the restart runs the last good config unless the record
 * was finished.
 */
const POINTS: Array<{ point: string; applied: boolean; recorded: 'interrupted' | 'success'; source: 'file' | 'last_good' }> = [
  { point: 'reload.begun', applied: false, recorded: 'interrupted', source: 'last_good' }, // record stored in_progress, nothing else
  { point: 'receivers.prepare', applied: false, recorded: 'interrupted', source: 'last_good' }, // new notifiers being built
  { point: 'receivers.activate', applied: false, recorded: 'interrupted', source: 'last_good' }, // the first swap
  { point: 'routing.activate', applied: false, recorded: 'interrupted', source: 'last_good' }, // receivers swapped, routing not yet
  { point: 'receivers.health', applied: false, recorded: 'interrupted', source: 'last_good' }, // everything swapped, being checked
  { point: 'receivers.commit', applied: false, recorded: 'interrupted', source: 'last_good' }, // healthy; old instances being released
  { point: 'reload.before-last-good', applied: false, recorded: 'interrupted', source: 'last_good' }, // all committed, last good not saved
  { point: 'reload.after-last-good', applied: true, recorded: 'interrupted', source: 'last_good' }, // last good saved, record still in_progress
  { point: 'reload.finished', applied: true, recorded: 'success', source: 'file' }, // record finished, event not sent
];

let svc: ServiceProcess;
let port: number;
beforeAll(async () => {
  port = await freePort();
  svc = await serviceProcess({ config: sampleConfig({ port }) });
});
afterAll(async () => {
  await svc.stop();
  svc.cleanup();
});

/** A config that both receivers and routing must reload for. */
const configFor = (tag: string) => sampleConfig({ port, receivers: [tag, 'spare'], routeReceiver: tag });

describe('kill -9 at each point of a reload', () => {
  it.each(POINTS)('at $point: restarts on the newest fully applied config; the killed reload is $recorded', async ({ point, applied, recorded, source }) => {
    const tag = point.replace(/\W/g, '-');
    // A clean start on config A: A is applied and is the last good config.
    const a = configFor(`a-${tag}`);
    svc.writeConfig(a);
    await svc.start({ HOTCONF_FAILPOINTS: `${point}=exit@sighup` });
    const startup = (await svc.status()).last_reload_id as number;
    expect((await svc.history(1))[0]).toMatchObject({ id: startup, status: 'success', config_hash: hash(a) });

    // Config B, SIGHUP, and the process dies at the point.
    const b = configFor(`b-${tag}`);
    svc.writeConfig(b);
    svc.signal('SIGHUP');
    expect(await svc.exited()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(svc.lines().map((l) => l.msg)).toContain(`failpoint ${point}: exit`);

    // Restart without failpoints, on the same data dir and the same file (B).
    await svc.start();
    const expected = applied ? b : a;
    const status = await svc.status();
    expect(status).toMatchObject({ ready: true, config_hash: hash(expected), source });
    // What the receivers component really runs, asked on the service listener.
    const live = (await (await svc.service(port, '/api/v2/receivers')).json()).map((r: { name: string }) => r.name);
    expect(live.sort()).toEqual([applied ? `b-${tag}` : `a-${tag}`, 'spare'].sort());

    const records = await svc.history(10);
    const killed = records.find((r: any) => r.id === startup + 1);
    expect(killed).toMatchObject({ trigger: 'sighup', status: recorded, config_hash: hash(b) });
    if (recorded === 'interrupted') expect(killed.error).toBe('the service stopped while this reload ran');
    expect(records.filter((r: any) => r.status === 'in_progress')).toEqual([]);
    // The restart's own record says what it started on.
    expect(records[0]).toMatchObject({ id: status.last_reload_id, trigger: 'startup', status: 'success', config_hash: hash(expected) });
    expect(await svc.stop()).toBe(0);
  });
});
