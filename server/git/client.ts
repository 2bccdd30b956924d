// The one place simple-git instances are made, so every git process hotconf starts has the
// same committer identity, timeout and error rule.
import { simpleGit, type SimpleGit, type SimpleGitOptions } from 'simple-git';
import type { Author } from './author';

export const DEFAULT_COMMITTER: Author = { name: 'hotconf', email: 'hotconf@localhost' };

/** Local git calls take milliseconds; the bound only keeps a wedged process from holding
 *  the per-repository queue forever. Network calls (fetch/push) get longer. */
export const LOCAL_TIMEOUT_MS = 30_000;
export const NETWORK_TIMEOUT_MS = 120_000;

/**
 * simple-git treats a non-zero exit as success when stderr is empty (`rev-parse --quiet`,
 * `commit` with nothing to commit). Every caller here wants a failed git to be an error.
 */
const strictErrors: SimpleGitOptions['errors'] = (error, result) => {
  if (error || result.exitCode === 0) return error;
  const output = Buffer.concat([...result.stdErr, ...result.stdOut]);
  return output.length > 0 ? output : Buffer.from(`git exited with code ${result.exitCode}`);
};

/*
 * Note for every caller: simple-git waits an extra 50 ms after a git process that printed
 * nothing at all (its guard against output arriving late). Commands on the commit path are
 * therefore run in a form that prints something (`add --verbose`, `commit` without
 * `--quiet`); silent forms are kept to rare paths.
 */
export function gitClient(dir: string, committer: Author = DEFAULT_COMMITTER, timeoutMs = LOCAL_TIMEOUT_MS): SimpleGit {
  return simpleGit({
    baseDir: dir,
    config: gitConfig(committer),
    timeout: { block: timeoutMs },
    errors: strictErrors,
  });
}

/** The `-c` settings of every git process hotconf starts, through simple-git or ./exec. */
export function gitConfig(committer: Author): string[] {
  return [
    `user.name=${committer.name}`,
    `user.email=${committer.email}`,
    // Output formats below are parsed; a user's global config must not change them.
    'log.showSignature=false',
    'core.quotePath=false',
    // Stored bytes must be the bytes written: blob ids are computed in-process (./blob).
    'core.autocrlf=false',
  ];
}
