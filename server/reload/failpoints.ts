// Failpoints (after etcd's gofail): named places in the reload pipeline where a test can make
// a real `hotconf serve` process fail, hang or die, to prove the rollback and crash paths.
// Inactive unless HOTCONF_FAILPOINTS is set; an inactive failpoint costs one Map lookup.
//
//   HOTCONF_FAILPOINTS="storage.activate=throw;receivers.health=sleep(5000)@sighup"
//
// Point names are `<component>.<prepare|activate|health|rollback>`. Actions: throw,
// sleep(ms), exit (the process dies at once, like kill -9). `@trigger` limits a point to
// reloads with that trigger (startup, sighup, api), so a service can start cleanly and fail
// only on the reload under test.
import type { Trigger } from '../contract/reload';

type Action = { kind: 'throw' } | { kind: 'sleep'; ms: number } | { kind: 'exit' };
interface Point {
  action: Action;
  trigger?: Trigger;
}

export class Failpoints {
  private readonly points = new Map<string, Point>();

  constructor(spec = '') {
    for (const part of spec.split(';').map((s) => s.trim()).filter(Boolean)) {
      const m = /^([\w-]+\.(?:prepare|activate|health|rollback))=(throw|exit|sleep\((\d+)\))(?:@(\w+))?$/.exec(part);
      if (!m) throw new Error(`HOTCONF_FAILPOINTS: cannot parse "${part}" (expected component.step=throw|exit|sleep(ms)[@trigger])`);
      const action: Action = m[2] === 'throw' ? { kind: 'throw' } : m[2] === 'exit' ? { kind: 'exit' } : { kind: 'sleep', ms: Number(m[3]) };
      this.points.set(m[1]!, { action, trigger: m[4] as Trigger | undefined });
    }
  }

  get active(): boolean {
    return this.points.size > 0;
  }

  async hit(name: string, trigger: Trigger, signal?: AbortSignal): Promise<void> {
    const point = this.points.get(name);
    if (!point || (point.trigger && point.trigger !== trigger)) return;
    switch (point.action.kind) {
      case 'throw':
        throw new Error(`failpoint ${name}: injected failure`);
      case 'exit':
        process.kill(process.pid, 'SIGKILL');
        return;
      case 'sleep':
        await sleep(point.action.ms, signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  // Deliberately ignores `signal`: a hung component does not stop when asked, and the
  // coordinator must cope with that (it moves on at the timeout).
  void signal;
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
