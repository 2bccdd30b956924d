// A test-only component: owns one config section, records every lifecycle call, and fails
// on demand (throw, or hang past its timeout) in any step.
import type { Config, Section } from '../../server/config/schema';
import type { Reloader } from '../../server/reloaders/types';

export type Fault = 'throw' | 'hang';
export type Step = 'prepare' | 'activate' | 'health' | 'rollback' | 'commit';

export class FakeReloader implements Reloader<unknown> {
  readonly calls: string[] = [];
  /** The value that "serves traffic": the section as last activated. */
  current: unknown = null;
  private previous: unknown = undefined;
  /** Whether an activate() succeeded since the last commit: a rollback undoes only that. */
  private swapped = false;
  faults: Partial<Record<Step, Fault>> = {};

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
    return structuredClone(next[this.section]);
  }

  async activate(prepared: unknown): Promise<void> {
    await this.maybeFail('activate');
    this.previous = this.current;
    this.current = prepared;
    this.swapped = true;
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
  }
}
