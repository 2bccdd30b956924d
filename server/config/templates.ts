// `templates:` — Go template files, named by globs relative to the config file, whose
// {{ define }}s notifiers use. They are part of the config: read in the load phase (their
// bytes join the config's identity, so a change to a template file alone reloads
// `receivers`), and parsed there, as Alertmanager (and `amtool check-config`) parses them.
// The core stays pure: the files come from a TemplateSource the caller provides.
import type { ConfigIssue } from '../contract/config';
import { TemplateSyntaxError, alertmanagerTemplates } from '../template';
import { issueAt } from './errors';
import type { PathLocator } from './locate';

export interface TemplateFile {
  /** The path as the glob found it (relative globs resolve against the config file's folder). */
  path: string;
  text: string;
}

/** Where template files come from: the service's file system (server/reload/template-files.ts). */
export interface TemplateSource {
  /** The files one glob matches, in Go's filepath.Glob order (sorted); [] when none does.
   *  Throws TemplateGlobError for a malformed pattern or an unreadable file. */
  read(glob: string): TemplateFile[];
}

export class TemplateGlobError extends Error {}

/** Reads every glob's files and parses them into one set, as Alertmanager does at start-up.
 *  Issues are located at the `templates` entry that named the file. */
export function loadTemplates(globs: readonly unknown[], source: TemplateSource, locate: () => PathLocator): { files: TemplateFile[]; issues: ConfigIssue[] } {
  const files: TemplateFile[] = [];
  const issues: ConfigIssue[] = [];
  const set = alertmanagerTemplates();
  globs.forEach((glob, i) => {
    if (typeof glob !== 'string') return; // the schema reports it
    let matched: TemplateFile[];
    try {
      matched = source.read(glob);
    } catch (err) {
      const message = err instanceof TemplateGlobError ? err.message : `cannot read the files of this pattern: ${(err as Error).message}`;
      issues.push(issueAt(locate()(['templates', i]), `templates.${i}`, 'template_files', message));
      return;
    }
    for (const file of matched) {
      files.push(file);
      try {
        set.add(file.text, baseName(file.path));
      } catch (err) {
        if (!(err instanceof TemplateSyntaxError)) throw err;
        const message = `template file ${file.path}, line ${err.line}, column ${err.column}: ${err.message}`;
        issues.push(issueAt(locate()(['templates', i]), `templates.${i}`, 'template_syntax', message));
      }
    }
  });
  return { files, issues };
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
