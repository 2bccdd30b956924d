/** What runs, as `hotconf --version` says it: operators quote it in bug reports. The root
 *  layout passes the values (components reach server code only through the contract). */
export function Footer({ version, revision }: { version: string; revision: string }) {
  return (
    <footer className="site-footer" data-testid="version">
      hotconf {version} · revision {revision}
    </footer>
  );
}
