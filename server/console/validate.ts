// The console's gate before anything is committed: the config core's load + validate, the
// same the service and the editor run, minus the secret values. The console does not have
// the service's environment or secret files, and must not need them: a reference like
// ${env:INGEST_API_KEY} is checked for its form and place here (presentSecrets) and
// resolved by the service, whose plan and reload report a missing value.
//
// A large draft is checked on the parse worker's thread (parse-worker/client.ts), so that its
// cost — bounded, but up to a second for a hostile one — never stalls the console's requests.
import { checkConfigText, presentSecrets } from '../config/load';
import type { ConfigIssue } from '../contract/config';
import { OFF_THREAD_CHARS, ParseWorker } from '../parse-worker/client';
import { HttpError } from './errors';

/** One worker per console process (Next may load this module twice: keep it on globalThis). */
const worker = (): ParseWorker =>
  ((globalThis as { hotconfParseWorker?: ParseWorker }).hotconfParseWorker ??= new ParseWorker({ onFault: (message) => console.warn(`hotconf console: ${message}`) }));

/** Throws 422 invalid_config with every located issue when `content` would be rejected. */
export async function assertValidConfig(content: string): Promise<void> {
  const judged = content.length > OFF_THREAD_CHARS ? await worker().check(content) : null;
  const checked = judged ?? checkConfigText(content, presentSecrets);
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
