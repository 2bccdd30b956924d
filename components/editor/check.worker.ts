// The editor's live check, off the main thread: the config core (server/config) run on every
// change of the draft, exactly as the service and the console run it. Secrets are not the
// browser's to know, so every well-formed reference answers "present" (presentSecrets); its
// form and its place are still checked. The worker keeps one IncrementalChecker, so a
// keystroke re-reads only the chunk it changed.
//
// Protocol: in { seq, text } → out { seq, issues, warnings } (issues empty when the draft is
// valid; warnings: what loads but is ignored, such as a second YAML document).
import { IncrementalChecker } from '../../server/config/incremental';
import { checkConfigText, presentSecrets } from '../../server/config/load';
import type { ConfigIssue } from '../../server/contract/config';

export interface CheckRequest {
  seq: number;
  text: string;
}

export interface CheckResponse {
  seq: number;
  issues: ConfigIssue[];
  warnings: ConfigIssue[];
}

const checker = new IncrementalChecker();

export function checkDraft(text: string): Pick<CheckResponse, 'issues' | 'warnings'> {
  const result = checkConfigText(text, presentSecrets, { checker });
  return result.ok ? { issues: [], warnings: result.loaded.warnings } : { issues: result.issues, warnings: [] };
}

const scope = globalThis as unknown as { onmessage: ((event: MessageEvent<CheckRequest>) => void) | null; postMessage(message: CheckResponse): void };
scope.onmessage = ({ data }) => scope.postMessage({ seq: data.seq, ...checkDraft(data.text) });
