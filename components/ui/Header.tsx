import Link from 'next/link';
import { HeaderStatus } from './HeaderStatus';
import { NavLinks } from './NavLinks';

export function Header() {
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav aria-label="Main">
        <Link href="/" className="brand">
          hotconf
        </Link>
        <NavLinks />
      </nav>
      <HeaderStatus />
    </header>
  );
}
