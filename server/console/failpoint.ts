// Named pauses on the console's apply and restore path, for the fault tests (test/faults).
// The git layer has its own (server/git/failpoint.ts, HOTCONF_GIT_FAILPOINT) inside the
// commit; these sit around it, where only the console knows where it is. With
// HOTCONF_CONSOLE_FAILPOINT=<name> in its environment, the console process that reaches that
// point prints a line and stops there, until SIGUSR2 (or a kill -9 from the test). A test can
// then kill the console at a known step instead of guessing with timers. Unset (always,
// outside tests), a failpoint costs one env lookup.

export type ConsoleFailpoint =
  /** Input checked, about to commit: nothing written yet. */
  | 'before-commit'
  /** The commit landed (HEAD and the file are the new commit); the service not told yet. */
  | 'after-commit'
  /** The service reloaded (or refused) the commit; the caller not answered yet. */
  | 'after-reload';

export const CONSOLE_FAILPOINT_ENV = 'HOTCONF_CONSOLE_FAILPOINT';

const fired = new Set<string>();

export async function consoleFailpoint(name: ConsoleFailpoint): Promise<void> {
  // Each point pauses once per process: the test resumes or kills it, and a restarted
  // console (a new process) that should run normally is started without the variable.
  if (process.env[CONSOLE_FAILPOINT_ENV] !== name || fired.has(name)) return;
  fired.add(name);
  await new Promise<void>((resume) => {
    // The handler is in place before the report, so a test that signals as soon as it reads
    // the line cannot hit SIGUSR2's default action (terminate).
    const keepAlive = setInterval(() => undefined, 1 << 30);
    process.once('SIGUSR2', () => {
      clearInterval(keepAlive);
      resume();
    });
    process.stderr.write(`hotconf console failpoint ${name}: paused, pid ${process.pid}\n`);
  });
}
