/** Splits file names into runs whose joined length stays under `maxChars`, so one command
 *  line per run stays within the kernel's argument limit. */
export function argChunks(files: readonly string[], maxChars: number): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let len = 0;
  for (const f of files) {
    if (cur.length && len + f.length + 1 > maxChars) {
      out.push(cur);
      cur = [];
      len = 0;
    }
    cur.push(f);
    len += f.length + 1;
  }
  if (cur.length) out.push(cur);
  return out;
}
