// Named pauses on the write path for the fault tests (test/faults). With
// HOTCONF_GIT_FAILPOINT=<name> in its environment, a process that reaches that point says so
// on stderr and stops there, holding whatever it holds, until it gets SIGUSR2 (or is killed).
// A test can then kill -9 it at a known step, or let another process run against it, without
// guessing with timers. Unset (always, outside tests), a failpoint costs one env lookup.

import { flushStderr } from '../log';

export type FailpointName =
  /** Writer lock held, marker and new objects written; HEAD, index and file untouched. */
  | 'before-ref'
  /** HEAD moved to the new commit; the config file on disk still has the old content. */
  | 'ref-updated';

const fired = new Set<string>();

export async function failpoint(name: FailpointName): Promise<void> {
  if (process.env.HOTCONF_GIT_FAILPOINT !== name || fired.has(name)) return;
  fired.add(name);
  await new Promise<void>((resume) => {
    // The handler is in place before the report, so a test that signals as soon as it reads
    // the line cannot hit SIGUSR2's default action (terminate).
    const keepAlive = setInterval(() => undefined, 1 << 30);
    process.once('SIGUSR2', () => {
      clearInterval(keepAlive);
      resume();
    });
    flushStderr();
    process.stderr.write(`hotconf failpoint ${name}: paused, pid ${process.pid}\n`);
  });
}
