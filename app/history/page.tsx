import type { Metadata } from 'next';
import { Suspense } from 'react';
import { HistoryBrowser } from '../../components/history/HistoryBrowser';

export const metadata: Metadata = { title: 'History' };

export default function HistoryPage() {
  return (
    <>
      <h1 tabIndex={-1}>History</h1>
      {/* The selected commit comes from the URL (?sha=), read on the client. */}
      <Suspense fallback={<p className="muted">Loading history…</p>}>
        <HistoryBrowser />
      </Suspense>
    </>
  );
}
