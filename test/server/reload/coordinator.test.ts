// The reload coordinator, in-process, with test-only components: the phase semantics of
// DESIGN §4 and the fault-injection matrix of the pipeline issue (acceptance point 3).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../server/log';
import { ReloadCoordinator } from '../../../server/reload/coordinator';
import { type BusEvent, EventBus } from '../../../server/reload/events';
import { ReloadMetrics } from '../../../server/reload/metrics';
import { RecordKeeper } from '../../../server/reload/record-keeper';
import { StateStore } from '../../../server/reload/state-store';
import { FakeReloader } from '../../support/fake-reloader';
import { metricValue } from '../../support/metrics';

const base = (opts: { level?: string; receiverUrl?: string; routeReceiver?: string } = {}) => `
log:
  level: ${opts.level ?? 'info'}
route:
  receiver: ${opts.routeReceiver ?? 'default'}
receivers:
  - name: default
    webhook_configs:
      - url: ${opts.receiverUrl ?? 'http://127.0.0.1:9999/a'}
`;

let dir: string;
let configPath: string;
let store: RecordKeeper;
let registry: Registry;
let events: EventBus;
let seen: BusEvent[];
let receivers: FakeReloader;
let logger: FakeReloader;
let coordinator: ReloadCoordinator;

const keeper = (dataDir: string) => new RecordKeeper(() => new StateStore(dataDir), { log: silentLogger });

function build() {
  registry = new Registry();
  events = new EventBus();
  seen = [];
  events.subscribe((e) => seen.push(e));
  receivers = new FakeReloader('receivers', 'receivers', true);
  logger = new FakeReloader('logger', 'log', false);
  coordinator = new ReloadCoordinator({
    configPath,
    reloaders: [logger, receivers],
    events,
    metrics: new ReloadMetrics({ registry, components: ['logger', 'receivers'], defaultMetrics: false }),
    store,
    log: silentLogger,
    provenance: { lookup: async () => ({ commit: 'abc1234', dirty: false }) },
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hotconf-coord-'));
  configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, base());
  store = keeper(join(dir, 'data'));
  build();
  const first = await coordinator.start();
  expect(first.status).toBe('success');
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const errors = (type: string) => metricValue(registry, 'config_reload_errors_total', { type });
const rollbacks = (reason: string) => metricValue(registry, 'config_reload_rollbacks_total', { reason });

describe('a reload that changes one section', () => {
  it('prepares, activates and checks only the component that owns it, in phase order', async () => {
    receivers.calls.length = 0;
    logger.calls.length = 0;
    writeFileSync(configPath, base({ receiverUrl: 'http://127.0.0.1:9999/b' }));
    const record = await coordinator.reload('api');
    expect(record.status).toBe('success');
    expect(receivers.calls).toEqual(['prepare', 'activate', 'health', 'commit']);
    expect(logger.calls).toEqual([]);
    expect(record.changes).toEqual([{ path: 'receivers.0.webhook_configs.0.url', op: 'change' }]);
    expect(record.phases.map((p) => [p.name, p.status])).toEqual([
      ['load', 'success'],
      ['validate', 'success'],
      ['diff', 'success'],
      ['apply', 'success'],
      ['reload', 'success'],
      ['health', 'success'],
    ]);
    const names = seen.filter((e) => e.data.id === record.id).map((e) => e.name + ('phase' in e.data ? `:${e.data.phase}` : ''));
    expect(names).toEqual([
      'reload.started',
      'phase.started:load', 'phase.finished:load',
      'phase.started:validate', 'phase.finished:validate',
      'phase.started:diff', 'phase.finished:diff',
      'phase.started:apply', 'phase.finished:apply',
      'phase.started:reload', 'component.finished', 'phase.finished:reload',
      'phase.started:health', 'phase.finished:health',
      'reload.finished',
    ]);
    expect(await metricValue(registry, 'config_reload_total', { status: 'success' })).toBe(2);
    expect(await metricValue(registry, 'config_reload_version')).toBe(2);
  });

  it('is a noop when the file is unchanged, without parsing it again', async () => {
    const record = await coordinator.reload('sighup');
    expect(record.status).toBe('noop');
    expect(record.phases.find((p) => p.name === 'validate')!.status).toBe('skipped');
    expect(await metricValue(registry, 'config_reload_total', { status: 'noop' })).toBe(1);
    expect(await metricValue(registry, 'config_reload_version')).toBe(1);
  });

  it('is a noop when only comments changed, and then runs that text', async () => {
    writeFileSync(configPath, '# a comment\n' + base());
    const record = await coordinator.reload('sighup');
    expect(record.status).toBe('noop');
    expect(record.phases.find((p) => p.name === 'diff')!.status).toBe('success');
    expect(coordinator.running!.text.startsWith('# a comment')).toBe(true);
  });
});

describe('bad config files change nothing', () => {
  it('a YAML syntax error is load_failed with line and column', async () => {
    writeFileSync(configPath, 'route:\n  receiver: [unclosed\n');
    const record = await coordinator.reload('api');
    expect(record.status).toBe('load_failed');
    expect(record.issues![0]!.line).toBeGreaterThan(0);
    expect(await errors('load_failed')).toBe(1);
    expect(coordinator.running!.version).toBe(1);
  });

  it('a second YAML document is not read (as Alertmanager reads the file): the reload succeeds and its record warns where it starts', async () => {
    writeFileSync(configPath, `${base({ level: 'warn' })}---\nroute: [not, even, a: config\n`);
    const record = await coordinator.reload('api');
    expect(record.status).toBe('success');
    expect(record.warnings).toEqual([expect.stringMatching(/^line 10, column 1: config\.yaml holds a second YAML document from here on/)]);
    expect(logger.current).toMatchObject({ level: 'warn' });
    const plan = await coordinator.plan(`${base({ level: 'debug' })}---\nlog: {level: error}\n`);
    expect(plan.valid).toBe(true);
    expect(plan.warnings).toEqual([expect.stringMatching(/^line 10, column 1: .*reads only the first/)]);
    expect(plan.changes.map((c) => c.path)).toEqual(['log.level']);
  });

  it('a route naming a missing receiver is validation_failed at that line', async () => {
    writeFileSync(configPath, base({ routeReceiver: 'typo' }));
    const record = await coordinator.reload('api');
    expect(record.status).toBe('validation_failed');
    expect(record.issues).toContainEqual(expect.objectContaining({ path: 'route.receiver', line: 5 }));
    expect(await errors('validation_failed')).toBe(1);
    expect(receivers.current).toEqual([{ name: 'default', webhook_configs: [expect.objectContaining({ url: 'http://127.0.0.1:9999/a' })] }]);
  });
});

describe('fault-injection matrix', () => {
  const change = () => writeFileSync(configPath, base({ receiverUrl: 'http://127.0.0.1:9999/changed' }));
  const oldUrl = () => (receivers.current as { webhook_configs: { url: string }[] }[])[0]!.webhook_configs[0]!.url;

  it('prepare throws → apply_failed, nothing activated, old config serves', async () => {
    receivers.faults.prepare = 'throw';
    change();
    const record = await coordinator.reload('api');
    expect(record).toMatchObject({ status: 'apply_failed', rolled_back: false });
    expect(await errors('apply_failed')).toBe(1);
    expect(coordinator.ready).toBe(true);
    expect(oldUrl()).toBe('http://127.0.0.1:9999/a');
    expect(coordinator.running!.config.receivers[0]!.webhook_configs![0]!.url).toBe('http://127.0.0.1:9999/a');
  });

  it('prepare hangs past the timeout → apply_failed counted as a timeout', async () => {
    receivers.faults.prepare = 'hang';
    change();
    const record = await coordinator.reload('api');
    expect(record.status).toBe('apply_failed');
    expect(record.components[0]).toMatchObject({ name: 'receivers', status: 'timeout' });
    expect(await errors('timeout')).toBe(1);
    expect(oldUrl()).toBe('http://127.0.0.1:9999/a');
  });

  it('activate throws in a critical component → rolled_back (critical_failed), old config serves', async () => {
    receivers.faults.activate = 'throw';
    change();
    const record = await coordinator.reload('api');
    expect(record).toMatchObject({ status: 'rolled_back', rolled_back: true, rollback_reason: 'critical_failed' });
    expect(await errors('reload_failed')).toBe(1);
    expect(await rollbacks('critical_failed')).toBe(1);
    expect(coordinator.ready).toBe(true);
    expect(oldUrl()).toBe('http://127.0.0.1:9999/a');
    expect(coordinator.running!.version).toBe(1);
    expect(seen.map((e) => e.name)).toEqual(expect.arrayContaining(['rollback.started', 'rollback.finished']));
  });

  it('health fails in a critical component → rolled_back (health_check_failed)', async () => {
    receivers.faults.health = 'throw';
    change();
    const record = await coordinator.reload('api');
    expect(record).toMatchObject({ status: 'rolled_back', rollback_reason: 'health_check_failed' });
    expect(await rollbacks('health_check_failed')).toBe(1);
    expect(oldUrl()).toBe('http://127.0.0.1:9999/a');
  });

  it('activate hangs past the timeout → rolled_back (timeout)', async () => {
    receivers.faults.activate = 'hang';
    change();
    const record = await coordinator.reload('api');
    expect(record).toMatchObject({ status: 'rolled_back', rollback_reason: 'timeout' });
    expect(await errors('timeout')).toBe(1);
    expect(await rollbacks('timeout')).toBe(1);
    expect(coordinator.running!.version).toBe(1);
  });

  it('activate that swaps after its timeout (the component ignores its signal) is undone, and the record says so', async () => {
    receivers.faults.activate = 'hang';
    const lateSwap = new Promise<void>((r) => (receivers.onStepEnd = (step) => step === 'activate' && r()));
    change();
    const record = await coordinator.reload('api');
    expect(record).toMatchObject({ status: 'rolled_back', rollback_reason: 'timeout' });
    await lateSwap; // the abandoned activate has now swapped in the new value...
    await vi.waitFor(() => expect(store.history({ limit: 1 }).records[0]!.warnings).toEqual([expect.stringMatching(/receivers: activate finished \d+(\.\d+)? ms after its timeout; its late swap was undone/)]));
    // ...and the coordinator has swapped it back: what runs is what the record and metrics say.
    expect(oldUrl()).toBe('http://127.0.0.1:9999/a');
    expect(coordinator.running!.version).toBe(1);
    expect(coordinator.ready).toBe(true);
    expect(await metricValue(registry, 'config_reload_version')).toBe(1);
  });

  it('the next reload waits for a step abandoned by the previous one before touching components', async () => {
    receivers.faults.activate = 'late';
    change();
    expect((await coordinator.reload('api')).status).toBe('rolled_back');
    receivers.faults = {};
    const order: string[] = [];
    receivers.onStepEnd = (step) => order.push(step);
    const next = await coordinator.reload('api');
    expect(next.status).toBe('success');
    // The late activate (and its undo) came before the new reload's own prepare and activate.
    expect(order).toEqual(['activate', 'rollback', 'prepare', 'activate']);
    expect(oldUrl()).toBe('http://127.0.0.1:9999/changed');
  });

  it('a non-critical component that fails reverts alone; the rest of the reload stands', async () => {
    logger.faults.activate = 'throw';
    writeFileSync(configPath, base({ level: 'debug', receiverUrl: 'http://127.0.0.1:9999/changed' }));
    const record = await coordinator.reload('api');
    expect(record.status).toBe('success');
    expect(record.warnings![0]).toMatch(/logger \(not critical\) failed/);
    expect(oldUrl()).toBe('http://127.0.0.1:9999/changed');
    expect(coordinator.running!.config.log.level).toBe('info');
    expect(await errors('reload_failed')).toBe(1);
  });

  it('rollback fails → rollback_failed, readiness lost until a later reload succeeds', async () => {
    receivers.faults.activate = 'throw';
    receivers.faults.rollback = 'throw';
    change();
    const record = await coordinator.reload('api');
    expect(record.status).toBe('rollback_failed');
    expect(await errors('rollback_failed')).toBe(1);
    expect(coordinator.ready).toBe(false);
    expect(await metricValue(registry, 'config_last_reload_successful')).toBe(0);

    receivers.faults = {};
    const recovered = await coordinator.reload('api'); // same file: must not be a noop while degraded
    expect(recovered.status).toBe('success');
    expect(coordinator.ready).toBe(true);
  });
});

describe('the queue', () => {
  it('coalesces a burst into at most one follow-up reload, never two at once', async () => {
    let running = 0;
    let maxRunning = 0;
    const orig = receivers.prepare.bind(receivers);
    receivers.prepare = async (next) => {
      maxRunning = Math.max(maxRunning, ++running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
      return orig(next);
    };
    writeFileSync(configPath, base({ receiverUrl: 'http://127.0.0.1:9999/burst' }));
    const before = await metricValue(registry, 'config_reload_total', { status: 'success' }) + (await metricValue(registry, 'config_reload_total', { status: 'noop' }));
    const records = await Promise.all(Array.from({ length: 200 }, () => coordinator.reload('sighup')));
    const after = (await metricValue(registry, 'config_reload_total', { status: 'success' })) + (await metricValue(registry, 'config_reload_total', { status: 'noop' }));
    expect(after - before).toBeLessThanOrEqual(2);
    expect(new Set(records.map((r) => r.id)).size).toBeLessThanOrEqual(2);
    expect(maxRunning).toBe(1);
  });

  it('gives a caller that arrives during a reload the record of a reload started after its call', async () => {
    writeFileSync(configPath, base({ receiverUrl: 'http://127.0.0.1:9999/one' }));
    const first = coordinator.request('api');
    await first.started; // the first reload has read the file
    const calledAt = Date.now();
    const second = await coordinator.reload('api');
    expect(Date.parse(second.started_at)).toBeGreaterThanOrEqual(calledAt - 1);
    expect(second.id).toBeGreaterThan((await first.done).id);
  });

  it('gathers calls made in separate turns behind a running reload into one follow-up', async () => {
    // The first reload is held open until every call is made: no wall-clock timing involved.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const prepare = receivers.prepare.bind(receivers);
    receivers.prepare = async (next) => {
      await gate;
      return prepare(next);
    };
    writeFileSync(configPath, base({ receiverUrl: 'http://127.0.0.1:9999/trickle' }));
    const first = coordinator.request('api');
    await first.started;
    const calls = [first.done];
    for (let i = 0; i < 15; i++) {
      await new Promise((r) => setImmediate(r)); // each call in its own event-loop turn
      calls.push(coordinator.reload(i % 2 ? 'api' : 'sighup'));
    }
    release();
    const ids = new Set((await Promise.all(calls)).map((r) => r.id));
    expect(ids.size).toBe(2);
  });

  it('lets calls made before a reload reads the file share that reload', async () => {
    writeFileSync(configPath, base({ receiverUrl: 'http://127.0.0.1:9999/same-tick' }));
    const [a, b, c] = await Promise.all([coordinator.reload('api'), coordinator.reload('sighup'), coordinator.reload('api')]);
    expect(a.id).toBe(b.id);
    expect(b.id).toBe(c.id);
    expect(a.status).toBe('success');
  });
});

describe('start-up', () => {
  it('starts on the last good config when the file does not load, and says so', async () => {
    writeFileSync(configPath, base({ receiverUrl: 'http://127.0.0.1:9999/good2' }));
    expect((await coordinator.reload('api')).status).toBe('success');
    await coordinator.close();
    writeFileSync(configPath, 'route: [broken');
    build();
    const record = await coordinator.start();
    expect(record.status).toBe('success');
    expect(coordinator.running!.source).toBe('last_good');
    expect(coordinator.running!.config.receivers[0]!.webhook_configs![0]!.url).toBe('http://127.0.0.1:9999/good2');
    expect(store.history({ limit: 2 }).records[1]!.status).toBe('load_failed');
  });

  it('refuses to start with a clear error when the file is broken and nothing was ever good', async () => {
    store.close();
    store = keeper(join(dir, 'fresh-data'));
    writeFileSync(configPath, base({ routeReceiver: 'nope' }));
    build();
    await expect(coordinator.start()).rejects.toThrow(/no last good config yet[\s\S]*route\.receiver \(line 5/);
  });
});
