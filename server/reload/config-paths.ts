// The validate phase's check of the paths a config names that the service itself opens:
// `database.path` must lie inside the data dir, and every Alertmanager `*_file` field
// (password_file, credentials_file, api_url_file, key_file, …, read when a notification is
// sent) inside the secrets dirs (file-roots.ts) — a config could otherwise send any file the
// service can read, as a credential, to a URL of its author's choosing. It runs on the
// resolved config (so a defaulted path is checked too) and reports located issues like any
// other validate error, before any component could create a folder or read a file.
import { configError, issueAt } from '../config/errors';
import { createLocator } from '../config/locate';
import type { Config } from '../config/schema';
import type { ConfigIssue } from '../contract/config';
import { type FileRoots, OutsideRootsError } from './file-roots';

export interface ConfigPathRules {
  roots: FileRoots;
  /** Relative database paths start here (the storage component's base). */
  dataDir: string;
  /** Relative *_file paths start here (notifiers read them as given). */
  workDir: string;
}

/** Every path problem of `config`, located in `text`. */
export function configPathIssues(config: Config, text: string, rules: ConfigPathRules): ConfigIssue[] {
  const problems: Array<{ path: (string | number)[]; message: string }> = [];
  const check = (value: string, kind: 'data' | 'secrets', path: (string | number)[]) => {
    const base = kind === 'data' ? rules.dataDir : rules.workDir;
    try {
      rules.roots.confine(value, kind, base);
    } catch (err) {
      if (!(err instanceof OutsideRootsError)) throw err;
      const relative = value.startsWith('/') ? '' : ` (a relative path starts at ${kind === 'data' ? 'the data dir' : "the service's working directory"}, ${base})`;
      problems.push({ path, message: `${path.join('.')} ${err.message}${relative}` });
    }
  };
  if (config.database.driver === 'sqlite') check(config.database.path, 'data', ['database', 'path']);
  for (const { path, value } of fileFieldsOf(config)) check(value, 'secrets', path);
  if (problems.length === 0) return [];
  const locate = createLocator(text);
  return problems.map((p) => issueAt(locate(p.path), p.path.join('.'), 'path_outside_roots', p.message));
}

type FileField = { path: (string | number)[]; value: string };

/** Each receiver's `*_file` fields as of the last walk, by position. The validator hands back
 *  the same object for a receiver that did not change, so a reload compares objects in order
 *  and walks only the changed receivers (a WeakMap lookup per receiver cost ~0.1 ms for
 *  1,000; this compare is a few µs). */
let lastWalk: { receivers: readonly object[]; fields: FileField[][] } = { receivers: [], fields: [] };

/** The set `*_file` fields of a config, with their paths. Only `global` and `receivers`
 *  hold any (HTTP, TLS and notifier credentials). */
function fileFieldsOf(config: Config): FileField[] {
  const found = fileFields(config.global, ['global']);
  const { receivers } = config;
  const fields: FileField[][] = new Array(receivers.length);
  for (let i = 0; i < receivers.length; i++) {
    const receiver = receivers[i]!;
    const own = (fields[i] = lastWalk.receivers[i] === receiver ? lastWalk.fields[i]! : fileFields(receiver, []));
    for (const f of own) found.push({ path: ['receivers', i, ...f.path], value: f.value });
  }
  lastWalk = { receivers, fields };
  return found;
}

/** `path` is one mutable stack, copied only for a hit. */
function fileFields(node: unknown, path: (string | number)[], found: FileField[] = []): FileField[] {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      path.push(i);
      fileFields(node[i], path, found);
      path.pop();
    }
  } else if (typeof node === 'object' && node !== null) {
    for (const key of Object.keys(node)) {
      const value = (node as Record<string, unknown>)[key];
      path.push(key);
      if (key.endsWith('_file') && typeof value === 'string' && value !== '') found.push({ path: [...path], value });
      else fileFields(value, path, found);
      path.pop();
    }
  }
  return found;
}

/** Throws ConfigError('validation_failed') when a path is outside its roots. */
export function assertConfigPaths(config: Config, text: string, rules: ConfigPathRules | undefined): void {
  if (!rules) return;
  const issues = configPathIssues(config, text, rules);
  if (issues.length > 0) throw configError('validation_failed', 'config.yaml names a file outside the folders the service may use', issues);
}
