'use client';
// "Watch the next reload": follows the first reload the event stream reports after the page
// opened, whoever started it (the console, `kill -HUP`, POST /-/reload).
import Link from 'next/link';
import { useConnection, useNextReload } from '../hooks/event-stream';
import { ReloadDetails } from './ReloadDetails';

export function LiveReloadView() {
  const { progress, reset } = useNextReload();
  const connection = useConnection();
  if (!progress) {
    return (
      <div className="stack">
        <p role="status" data-testid="live-waiting">
          {connection === 'live' ? 'Waiting for the next reload…' : 'Connecting to the reload event stream…'}
        </p>
        <p className="muted">
          It appears here however it is triggered: Apply in the editor, <code>kill -HUP &lt;pid&gt;</code> on the service host, or <code>POST /-/reload</code>.
        </p>
      </div>
    );
  }
  const finished = progress.status !== 'in_progress';
  return (
    <div className="stack">
      <p className="toolbar">
        <span>
          Following reload <Link href={`/reloads/${progress.id}`}>#{progress.id}</Link>
        </span>
        {finished ? (
          <button type="button" className="button" onClick={reset}>
            Watch the next reload
          </button>
        ) : null}
      </p>
      <ReloadDetails progress={progress} />
    </div>
  );
}
