'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

// `prefetch: false` for a page whose code is large: Next would otherwise load it on every
// page that shows the link, the overview's first visit included (budget: 250 kB gzip). The
// editor carries zod, js-yaml and the yaml package (Monaco is lazy anyway); its first
// click pays instead. The other pages are small and keep the default.
const LINKS = [
  { href: '/', label: 'Overview' },
  { href: '/editor', label: 'Editor', prefetch: false },
  { href: '/history', label: 'History' },
  { href: '/alerts', label: 'Alerts' },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="nav-links">
      {LINKS.map(({ href, label, prefetch }) => {
        const current = href === '/' ? pathname === '/' : pathname.startsWith(href);
        return (
          <li key={href}>
            <Link href={href} prefetch={prefetch} aria-current={current ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        );
      })}
      <li>
        <Link href="/reloads/live" aria-current={pathname === '/reloads/live' ? 'page' : undefined}>
          Live reload
        </Link>
      </li>
    </ul>
  );
}
