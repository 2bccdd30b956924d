// The console's gate before anything is committed: the same load + validate the service runs
// (server/config/load.ts), minus the secret values. The console does not have the service's
// environment or secret files, and must not need them: a reference like ${env:INGEST_API_KEY}
// is checked for its form here and resolved by the service, whose plan and reload report a
// missing value.
import { checkConfigText, type SecretSource } from '../config/load';
import type { ConfigIssue } from '../reload/types';
import { HttpError } from './errors';

const PLACEHOLDER = 'secret-resolved-by-the-service';

const anyName = new Proxy<Record<string, string | undefined>>({}, {
  get: (_target, key) => (typeof key === 'string' ? PLACEHOLDER : undefined),
  has: () => true,
});

export const placeholderSecrets: SecretSource = { env: anyName, readFile: () => PLACEHOLDER };

/** Throws 422 invalid_config with every located issue when `content` would be rejected. */
export function assertValidConfig(content: string): void {
  const checked = checkConfigText(content, { secrets: placeholderSecrets });
  if (checked.ok) return;
  throw new HttpError(422, 'invalid_config', describeIssues(checked.issues), {
    details: { kind: checked.kind },
    fields: { errors: checked.issues },
  });
}

function describeIssues(issues: ConfigIssue[]): string {
  const first = issues[0];
  if (!first) return 'the config is not valid; nothing was committed';
  const where = first.line === null ? first.path : `${first.path || 'document'} (line ${first.line}${first.column === null ? '' : `, column ${first.column}`})`;
  const more = issues.length > 1 ? ` and ${issues.length - 1} more` : '';
  return `the config is not valid, nothing was committed: ${where}: ${first.message}${more}`;
}
