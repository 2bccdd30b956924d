import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Footer } from '../components/ui/Footer';
import { REVISION, VERSION } from '../server/version';
import { Header } from '../components/ui/Header';
import { RouteFocus } from '../components/ui/RouteFocus';
import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: { default: 'hotconf', template: '%s · hotconf' },
  description: 'Edit, review, commit and watch the live reload of the service configuration.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request, never prerendered: Next.js puts the request's CSP nonce (proxy.ts)
  // on its scripts only while rendering, and the pages are live data anyway.
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>
          <Header />
          <RouteFocus />
          <main id="main">{children}</main>
          <Footer version={VERSION} revision={REVISION} />
        </Providers>
      </body>
    </html>
  );
}
