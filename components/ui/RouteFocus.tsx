'use client';
// After a client-side navigation, move focus to the page's main heading so keyboard and
// screen-reader users start at the new content (a full page load starts there anyway).
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';

export function RouteFocus() {
  const pathname = usePathname();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [pathname]);
  return null;
}
