import type { Metadata, Viewport } from 'next';
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

export default function RootLayout({ children }: { children: ReactNode }) {
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
