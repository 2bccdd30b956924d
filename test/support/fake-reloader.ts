// A test-only component: owns one config section, records every lifecycle call, and fails
// on demand (throw, or hang past its timeout) in any step.
import type { Config, Section } from '../../server/config/schema';
import type { Reloader } from '../../server/reloaders/types';

/** hang: wakes at 5× its timeout; late: at 1.5× (within the next reload's wait for it). */
export type Fault = 'throw' | 'hang' | 'late';
export type Step = 'prepare' | 'activate' | 'health' | 'rollback' | 'commit';

export class FakeReloader implements Reloader<unknown> {
  readonly calls: string[] = [];
  /** The value that "serves traffic": the section as last activated. */
  current: unknown = null;
  private previous: unknown = undefined;
  /** Whether an activate() succeeded since the last commit: a rollback undoes only that. */
  private swapped = false;
  faults: Partial<Record<Step, Fault>> = {};
  /** Called when a step's body has run to its end (a hung one: after it woke up). */
  onStepEnd: (step: Step) => void = () => {};

  readonly sections: readonly Section[];

  constructor(
    readonly name: string,
    readonly section: Section,
    readonly critical: boolean,
    readonly timeoutMs = 200,
  ) {
    this.sections = [section];
  }

  async preflight(): Promise<void> {
    this.calls.push('preflight');
  }

  async prepare(next: Config): Promise<unknown> {
    await this.maybeFail('prepare');
    this.onStepEnd('prepare');
    return structuredClone(next[this.section]);
  }

  /** Swaps without looking at its signal: a badly behaved component, which the coordinator must cope with. */
  async activate(prepared: unknown): Promise<void> {
    await this.maybeFail('activate');
    this.previous = this.current;
    this.current = prepared;
    this.swapped = true;
    this.onStepEnd('activate');
  }

  async health(): Promise<void> {
    await this.maybeFail('health');
  }

  async commit(): Promise<void> {
    await this.maybeFail('commit');
    this.previous = undefined;
    this.swapped = false;
  }

  async rollback(): Promise<void> {
    await this.maybeFail('rollback');
    if (this.swapped) this.current = this.previous;
    this.swapped = false;
    this.onStepEnd('rollback');
  }

  async discard(): Promise<void> {
    this.calls.push('discard');
  }

  async close(): Promise<void> {
    this.calls.push('close');
  }

  private async maybeFail(step: Step): Promise<void> {
    this.calls.push(step);
    const fault = this.faults[step];
    if (fault === 'throw') throw new Error(`${this.name} ${step}: injected failure`);
    if (fault === 'hang') await new Promise((r) => setTimeout(r, this.timeoutMs * 5));
    if (fault === 'late') await new Promise((r) => setTimeout(r, this.timeoutMs * 1.5));
  }
}
