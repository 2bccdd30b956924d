// Promise.all that waits for every promise before it fails. A console call that asks git and
// the service at once must not answer (and let its caller remove the repository, or start a
// write) while a git process it started is still reading: the first rejection is thrown only
// once the others have settled too.
export async function allSettledOrThrow<T extends readonly unknown[] | []>(promises: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(promises);
  for (const r of results) if (r.status === 'rejected') throw r.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
