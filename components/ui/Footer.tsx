import { REVISION, VERSION } from '../../server/version';

/** What runs, as `hotconf --version` says it: operators quote it in bug reports. */
export function Footer() {
  return (
    <footer className="site-footer" data-testid="version">
      hotconf {VERSION} · revision {REVISION}
    </footer>
  );
}
