// The git provenance of the config file, as the reload path uses it: never a reason to
// fail a reload. git may be missing (slim containers), `.git` damaged, or a git process
// wedged; any of those makes the provenance *unknown* — `commit: null`, `provenance:
// "unknown"` on the record and the status, the error in the log — and the reload goes on.
// The lookup is also bounded in time: it is on the path of every reload.
import type { ProvenanceKind } from '../contract/reload';
import type { Provenance } from '../git/provenance';
import type { Logger } from '../log';

export interface GuardedProvenance extends Provenance {
  /** git: the file was compared with HEAD; none: not in a repository; unknown: the lookup failed. */
  provenance: ProvenanceKind;
  /** Why it is unknown. */
  error?: string;
}

export interface ProvenanceLookup {
  lookup(bytes: string): Promise<Provenance>;
}

export const PROVENANCE_TIMEOUT_MS = 3_000;

export function guardProvenance(inner: ProvenanceLookup, log: Logger, timeoutMs = PROVENANCE_TIMEOUT_MS): { lookup(bytes: string): Promise<GuardedProvenance> } {
  let lastError: string | null = null;
  /** A lookup that outlived its timeout: while it hangs, git is not asked again (no pile-up). */
  let wedged: Promise<unknown> | null = null;
  return {
    async lookup(bytes) {
      let timer: NodeJS.Timeout | undefined;
      try {
        if (wedged) throw new Error(`git has not answered an earlier lookup (over ${timeoutMs} ms)`);
        const asked = inner.lookup(bytes);
        const expired = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            const stuck = asked.catch(() => undefined).finally(() => {
              if (wedged === stuck) wedged = null;
            });
            wedged = stuck;
            reject(new Error(`git did not answer within ${timeoutMs} ms`));
          }, timeoutMs);
        });
        const found = await Promise.race([asked, expired]);
        if (lastError !== null) log.info('git provenance is known again', { commit: found.commit });
        lastError = null;
        return { ...found, provenance: found.commit === null && !found.dirty ? 'none' : 'git' };
      } catch (err) {
        const error = (err as Error).message.split('\n')[0]!;
        // Once per distinct failure, not on every reload.
        if (error !== lastError) log.warn('cannot tell which git commit the config file is; reloading it anyway with provenance "unknown"', { error });
        lastError = error;
        return { commit: null, dirty: false, provenance: 'unknown', error };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
