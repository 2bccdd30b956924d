import type { Metadata } from 'next';
import { LiveReloadView } from '../../../components/reload/LiveReloadView';

export const metadata: Metadata = { title: 'Live reload' };

export default function LiveReloadPage() {
  return (
    <>
      <h1 tabIndex={-1}>Live reload</h1>
      <LiveReloadView />
    </>
  );
}
