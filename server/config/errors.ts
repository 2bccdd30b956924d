// How the config core fails: one error type carrying every located issue, and the one-line
// summary the service logs and records ("… at route.receiver line 10, column 13: …").
import type { ConfigIssue } from '../contract/config';
import type { Span } from './locate';

/** load_failed: the text is not a config document (YAML, bounds, secret references).
 *  validation_failed: it is one, but the schema or a cross-field rule refuses it. */
export type ConfigErrorKind = 'load_failed' | 'validation_failed';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly kind: ConfigErrorKind,
    message: string,
    readonly issues: ConfigIssue[],
  ) {
    super(message);
  }
}

export function issueAt(span: Span | null, path: string, code: string, message: string): ConfigIssue {
  if (!span) return { path, line: null, column: null, message, code };
  return { path, line: span.line, column: span.column, end_line: span.end_line, end_column: span.end_column, message, code };
}

/** A ConfigError whose message is the headline plus the first issue, located. */
export function configError(kind: ConfigErrorKind, headline: string, issues: ConfigIssue[]): ConfigError {
  return new ConfigError(kind, summarize(headline, issues), issues);
}

export function summarize(headline: string, issues: readonly ConfigIssue[]): string {
  const first = issues[0];
  if (!first) return headline;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${headline}: ${located(first)}${more}`;
}

/** One issue as a line of text: "route.receiver at line 10, column 13: message". */
export function located(issue: ConfigIssue): string {
  const where = [issue.path || null, issue.line !== null ? `line ${issue.line}, column ${issue.column}` : null].filter(Boolean).join(' at ');
  return `${where ? `${where}: ` : ''}${issue.message}`;
}

/** An issue as the CLI prints it, compiler style: "FILE:LINE:COLUMN: path: message". */
export function fileIssueLine(file: string, issue: ConfigIssue): string {
  return `${file}:${issue.line ?? 0}:${issue.column ?? 0}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

/** A warning as the CLI prints it: "FILE:LINE:COLUMN: warning: message". */
export function fileWarningLine(file: string, warning: ConfigIssue): string {
  return `${file}:${warning.line ?? 0}:${warning.column ?? 0}: warning: ${warning.message}`;
}

/** Unlocated issues last (Infinity − Infinity is NaN, which `||` passes over to the column). */
export function byPosition(a: ConfigIssue, b: ConfigIssue): number {
  return (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0);
}
