// The files under `path` (a database, its log and shared memory) that this process — any of
// its threads — has open, from /proc.
import { readdirSync, readlinkSync } from 'node:fs';

export function openFilesOf(path: string): string[] {
  const files: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(path)) files.push(target);
    } catch {
      // closed while listing
    }
  }
  return files;
}
