// The validate phase's check of the paths a config names that the service itself opens:
// `database.path` must lie inside the data dir (file-roots.ts). It runs on the resolved
// config (so a defaulted path is checked too) and reports a located issue like any other
// validate error, before any component could create a folder or a file.
import { configError, issueAt } from '../config/errors';
import { createLocator } from '../config/locate';
import type { Config } from '../config/schema';
import type { ConfigIssue } from '../contract/config';
import { type FileRoots, OutsideRootsError } from './file-roots';

export interface ConfigPathRules {
  roots: FileRoots;
  /** Relative database paths resolve against this (the storage component's base). */
  baseDir: string;
}

/** Every path problem of `config`, located in `text`. */
export function configPathIssues(config: Config, text: string, rules: ConfigPathRules): ConfigIssue[] {
  if (config.database.driver !== 'sqlite') return [];
  try {
    rules.roots.confine(config.database.path, 'data', rules.baseDir);
    return [];
  } catch (err) {
    if (!(err instanceof OutsideRootsError)) throw err;
    const relative = config.database.path.startsWith('/') ? '' : ` (a relative path starts at the service's working directory, ${rules.baseDir})`;
    const message = `database.path ${err.message}${relative}`;
    return [issueAt(createLocator(text)(['database', 'path']), 'database.path', 'path_outside_roots', message)];
  }
}

/** Throws ConfigError('validation_failed') when a path is outside its roots. */
export function assertConfigPaths(config: Config, text: string, rules: ConfigPathRules | undefined): void {
  if (!rules) return;
  const issues = configPathIssues(config, text, rules);
  if (issues.length > 0) throw configError('validation_failed', 'config.yaml names a file outside the folders the service may use', issues);
}
