// One mutating operation at a time per repository in this process. git's own index.lock
// would make a second concurrent `git commit` fail rather than wait, and the HEAD check
// before a commit must not interleave with another commit: so writers queue here.

// Per process, not per module copy (a bundler may load this module twice): both copies must
// queue on one line.
const tails: Map<string, Promise<unknown>> = ((globalThis as { __hotconfGitQueues?: Map<string, Promise<unknown>> }).__hotconfGitQueues ??= new Map());

/** Runs `task` after every task queued earlier under `key` has settled. */
export function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  // A failed predecessor must not block or fail its successors.
  const run = previous.then(task, task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  // Forget idle keys so the map does not grow with every repository ever opened.
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}

/** True while a task is queued or running under `key`. */
export function isBusy(key: string): boolean {
  return tails.has(key);
}
