// What the difference between the running config and the repository means, in words.
import type { ConsoleStatus } from '../hooks/api';
import type { Tone } from '../reload/verdict';

export interface DriftText {
  label: string;
  tone: Tone;
  explanation: string;
}

type DriftInput = Pick<ConsoleStatus, 'drift' | 'commit' | 'head_commit' | 'source'>;

export function describeDrift(status: DriftInput): DriftText {
  const head = short(status.head_commit);
  const running = short(status.commit);
  const lastGood = status.source === 'last_good' ? ' The service is running its last known good config because the file did not load at start.' : '';
  switch (status.drift) {
    case 'none':
      return { label: 'in sync', tone: 'ok', explanation: `The service runs HEAD (${head}).${lastGood}` };
    case 'behind':
      return {
        label: 'behind HEAD',
        tone: 'warn',
        explanation: `The service runs ${running}, but HEAD is ${head}: the latest commit is not running (its reload failed, or none has happened yet). Open History to see its reload.${lastGood}`,
      };
    case 'dirty':
      return {
        label: 'hand edit',
        tone: 'warn',
        explanation: `The config file on the service host was edited by hand: it differs from HEAD (${head}) and is not committed. Commit the change from the editor, or restore HEAD.${lastGood}`,
      };
  }
}

function short(sha: string | null): string {
  return sha ? sha.slice(0, 7) : 'unknown';
}
