// Loose objects written in-process, for the write path's blob and trees: what `hash-object
// -w` and `mktree` would store, without a git process each (on a busy machine each costs a
// few milliseconds, and these sit on the commit's critical path). The format is git's
// stable on-disk one: zlib("<type> <size>\0" + body), at objects/<2 hex>/<rest of id>,
// named by the object's hash. The commit object itself is still made by `git commit-tree`,
// which owns identities, dates and signing; `git fsck` checks all of it in the fault tests.
import { createHash } from 'node:crypto';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { uniqueTag } from './atomic';
import type { RepoContext } from './types';

export type IdWidth = 40 | 64;

/** Where git itself would write: GIT_OBJECT_DIRECTORY if the environment sets it (git
 *  processes hotconf starts inherit it too), else the shared git dir's objects/. */
function objectsDir(ctx: RepoContext): string {
  return process.env.GIT_OBJECT_DIRECTORY || join(ctx.dirs.commonDir, 'objects');
}

export function objectId(type: 'blob' | 'tree', body: Buffer, width: IdWidth): string {
  return createHash(width === 64 ? 'sha256' : 'sha1')
    .update(`${type} ${body.length}\0`)
    .update(body)
    .digest('hex');
}

/** Stores the object unless a loose copy exists already; returns its id. A packed copy is
 *  not looked for: a duplicate loose object is harmless and `git gc` drops it. */
export async function writeObject(ctx: RepoContext, type: 'blob' | 'tree', body: Buffer, width: IdWidth): Promise<string> {
  const id = objectId(type, body, width);
  const dir = join(objectsDir(ctx), id.slice(0, 2));
  const path = join(dir, id.slice(2));
  if (await access(path).then(() => true, () => false)) return id;
  await mkdir(dir, { recursive: true });
  // git's own temp-object prefix, so `git gc` clears what a crash leaves behind.
  const tmp = join(dir, `tmp_obj_hotconf_${uniqueTag()}`);
  const handle = await open(tmp, 'wx', 0o444);
  try {
    // Not fsynced, like git's own loose objects under its default core.fsync (the commit
    // object `commit-tree` writes next to this one is not either).
    await handle.writeFile(deflateSync(Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body])));
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return id;
}

export interface TreeEntry {
  /** As ls-tree prints it ("100644", "040000", "160000" …). */
  mode: string;
  type: string;
  oid: string;
  name: Buffer;
}

const SLASH = Buffer.from('/');

/** A tree object's body: entries in git's order (a tree's name sorts as if it ended in '/'),
 *  modes without leading zeros ("40000"), binary object ids. */
export function treeBody(entries: readonly TreeEntry[]): Buffer {
  const key = (e: TreeEntry) => (e.type === 'tree' ? Buffer.concat([e.name, SLASH]) : e.name);
  const sorted = [...entries].sort((a, b) => Buffer.compare(key(a), key(b)));
  return Buffer.concat(
    sorted.flatMap((e) => [Buffer.from(`${parseInt(e.mode, 8).toString(8)} `), e.name, Buffer.from([0]), Buffer.from(e.oid, 'hex')]),
  );
}
