// One ConfigRepo per config directory per process, opened on first use. Opening does repair
// work (a half-done commit from a crash) and the repo serializes its writers, so every route
// handler must share the same instance. It is kept on globalThis because Next may evaluate
// this module more than once (one copy per route bundle); the process is what must be shared.
import { openConfigRepo, type ConfigRepo } from '../git/repo';
import { HttpError } from './errors';

const KEY = Symbol.for('hotconf.console.repos');
type RepoMap = Map<string, Promise<ConfigRepo>>;

function repos(): RepoMap {
  const g = globalThis as { [KEY]?: RepoMap };
  g[KEY] ??= new Map();
  return g[KEY];
}

export function sharedRepo(dir: string, remote?: string): Promise<ConfigRepo> {
  const key = `${dir}\0${remote ?? ''}`;
  const map = repos();
  const existing = map.get(key);
  if (existing) return existing;
  const opening = openConfigRepo({ dir, remote }).catch((err: unknown) => {
    // Do not cache a failure: the operator fixes the directory and the next request works.
    map.delete(key);
    const why = err instanceof Error ? err.message : String(err);
    throw new HttpError(500, 'repo_unavailable', `cannot open the config repository at ${dir}: ${why}. Check HOTCONF_REPO (it must be a git repository holding config.yaml).`, { cause: err });
  });
  map.set(key, opening);
  return opening;
}
