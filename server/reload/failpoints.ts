// Failpoints (after etcd's gofail): named places in the reload pipeline where a test can make
// a real `hotconf serve` process fail, hang or die, to prove the rollback and crash paths.
// Inactive unless HOTCONF_FAILPOINTS is set; an inactive failpoint costs one Map lookup.
//
//   HOTCONF_FAILPOINTS="storage.activate=throw;receivers.health=sleep(5000)@sighup"
//
// Point names:
//   <component>.<prepare|activate|health|rollback|commit>   one lifecycle step (run.ts)
//   reload.<point>   the coordinator's own steps (coordinator.ts, RELOAD_POINTS below)
//   state.<op>       a write to the state store (record-keeper.ts: begin, finish,
//                    save_last_good) — `throw` stands for a full disk or a locked file
// Actions: throw, sleep(ms), exit (the process dies at once, like kill -9). `@trigger` limits
// a point to reloads with that trigger (startup, sighup, api), so a service can start cleanly
// and fail only on the reload under test.
import type { Trigger } from '../contract/reload';
import { flushStderr } from '../log';

/** The coordinator's points, in the order a reload passes them. */
export const RELOAD_POINTS = [
  'begun', // the record is stored as in_progress, nothing else happened
  'before-last-good', // every component committed; the last good config not saved yet
  'after-last-good', // the last good config saved; the record still in_progress
  'finished', // the record finished; the reload.finished event not sent yet
] as const;

type Action = { kind: 'throw' } | { kind: 'sleep'; ms: number } | { kind: 'exit' };
interface Point {
  action: Action;
  trigger?: Trigger;
}

const NAME = /^(?:[\w-]+\.(?:prepare|activate|health|rollback|commit)|reload\.[\w-]+|state\.\w+)$/;

export class Failpoints {
  private readonly points = new Map<string, Point>();

  constructor(spec = '') {
    for (const part of spec.split(';').map((s) => s.trim()).filter(Boolean)) {
      const m = /^([\w.-]+)=(throw|exit|sleep\((\d+)\))(?:@(\w+))?$/.exec(part);
      if (!m || !NAME.test(m[1]!)) throw new Error(`HOTCONF_FAILPOINTS: cannot parse "${part}" (expected component.step|reload.point|state.op=throw|exit|sleep(ms)[@trigger])`);
      const action: Action = m[2] === 'throw' ? { kind: 'throw' } : m[2] === 'exit' ? { kind: 'exit' } : { kind: 'sleep', ms: Number(m[3]) };
      this.points.set(m[1]!, { action, trigger: m[4] as Trigger | undefined });
    }
  }

  get active(): boolean {
    return this.points.size > 0;
  }

  async hit(name: string, trigger?: Trigger, signal?: AbortSignal): Promise<void> {
    const point = this.find(name, trigger);
    if (!point) return;
    if (point.action.kind === 'sleep') return sleep(point.action.ms, signal);
    this.act(name, point.action);
  }

  /** For synchronous code (the state store): `sleep` is not available there. */
  hitSync(name: string, trigger?: Trigger): void {
    const point = this.find(name, trigger);
    if (point && point.action.kind !== 'sleep') this.act(name, point.action);
  }

  private find(name: string, trigger?: Trigger): Point | undefined {
    if (this.points.size === 0) return undefined;
    const point = this.points.get(name);
    if (!point || (point.trigger && point.trigger !== trigger)) return undefined;
    return point;
  }

  private act(name: string, action: Action): void {
    if (action.kind === 'exit') {
      // Said on stderr first (after the log lines before it), so a test knows where the
      // process died.
      flushStderr();
      process.stderr.write(`failpoint ${name}: exit\n`);
      process.kill(process.pid, 'SIGKILL');
    }
    throw new Error(`failpoint ${name}: injected failure`);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  // Deliberately ignores `signal`: a hung component does not stop when asked, and the
  // coordinator must cope with that (it moves on at the timeout).
  void signal;
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
