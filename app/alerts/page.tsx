import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AlertsBrowser } from '../../components/alerts/AlertsBrowser';

export const metadata: Metadata = { title: 'Alerts' };

export default function AlertsPage() {
  return (
    <>
      <h1 tabIndex={-1}>Alerts</h1>
      {/* Initial filters come from the URL (?filter=, ?receiver=, ?commit=), read on the client. */}
      <Suspense fallback={<p className="muted">Loading alerts…</p>}>
        <AlertsBrowser />
      </Suspense>
    </>
  );
}
