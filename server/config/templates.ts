// `templates:` — Go template files, named by globs relative to the config file, whose
// {{ define }}s notifiers use. They are part of the config: read in the load phase (their
// bytes join the config's identity, so a change to a template file alone reloads
// `receivers`), and parsed in the validate phase, as Alertmanager (and `amtool
// check-config`) parses them.
// The core stays pure: the files come from a TemplateSource the caller provides.
import type { ConfigIssue } from '../contract/config';
import { TemplateSyntaxError, alertmanagerTemplates } from '../template';
import { issueAt } from './errors';
import type { PathLocator } from './locate';

export interface TemplateFile {
  /** The path as the glob found it (relative globs resolve against the config file's folder). */
  path: string;
  text: string;
  /** Index of the `templates` entry that found it. */
  glob?: number;
}

/** Where template files come from: the service's file system (server/reload/template-files.ts). */
export interface TemplateSource {
  /** The files one glob matches, in Go's filepath.Glob order (sorted); [] when none does.
   *  Throws TemplateGlobError for a malformed pattern or an unreadable file. */
  read(glob: string): TemplateFile[];
}

export class TemplateGlobError extends Error {}

/** Phase load: reads every glob's files. Issues are located at the `templates` entry. */
export function readTemplateFiles(globs: readonly unknown[], source: TemplateSource, locate: () => PathLocator): { files: TemplateFile[]; issues: ConfigIssue[] } {
  const files: TemplateFile[] = [];
  const issues: ConfigIssue[] = [];
  globs.forEach((glob, i) => {
    if (typeof glob !== 'string') return; // the schema reports it
    try {
      for (const file of source.read(glob)) files.push({ ...file, glob: i });
    } catch (err) {
      const message = err instanceof TemplateGlobError ? err.message : `cannot read the files of this pattern: ${(err as Error).message}`;
      issues.push(issueAt(locate()(['templates', i]), `templates.${i}`, 'template_files', message));
    }
  });
  return { files, issues };
}

/** Phase validate: parses the files into one set, as Alertmanager does at start-up. Each
 *  problem names the file, its line and column, and is located at the `templates` entry
 *  that named the file. */
export function templateIssues(files: readonly TemplateFile[], locate: () => PathLocator): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  // Most configs name no template files: no set of Alertmanager's own to build (every reload).
  if (files.length === 0) return issues;
  const set = alertmanagerTemplates();
  for (const file of files) {
    try {
      set.add(file.text, baseName(file.path));
    } catch (err) {
      if (!(err instanceof TemplateSyntaxError)) throw err;
      const message = `template file ${file.path}, line ${err.line}, column ${err.column}: ${err.message}`;
      issues.push(issueAt(locate()(['templates', file.glob ?? 0]), `templates.${file.glob ?? 0}`, 'template_syntax', message));
    }
  }
  return issues;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
