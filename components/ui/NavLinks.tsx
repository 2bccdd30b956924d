'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Overview' },
  { href: '/editor', label: 'Editor' },
  { href: '/history', label: 'History' },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="nav-links">
      {LINKS.map(({ href, label }) => {
        const current = href === '/' ? pathname === '/' : pathname.startsWith(href);
        return (
          <li key={href}>
            <Link href={href} aria-current={current ? 'page' : undefined}>
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
