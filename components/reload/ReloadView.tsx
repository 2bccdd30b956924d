'use client';
// One reload by id: live from the event stream while it runs, from the service's record
// once it has finished (or when it finished before this page opened).
import { useLiveReload } from '../hooks/event-stream';
import { useReloadRecord } from '../hooks/queries';
import { ErrorNote } from '../ui/ErrorNote';
import { fromRecord } from './progress';
import { ReloadDetails } from './ReloadDetails';

export function ReloadView({ id }: { id: number }) {
  const live = useLiveReload(id);
  // Ask for the record only when the stream has said nothing about this reload: while it
  // runs the service has no record yet, and reload.finished brings it.
  const record = useReloadRecord(id, live === undefined);
  const progress = live ?? (record.data ? fromRecord(record.data) : undefined);
  if (progress) return <ReloadDetails progress={progress} />;
  if (record.error) return <ErrorNote error={record.error} title={`Reload #${id}`} />;
  return <p className="muted" role="status">Loading reload #{id}…</p>;
}
