// Phase `diff`: what changed between the running config and the new one, and so which
// sections (hence which components) must reload. Paths only, never values: a changed
// webhook URL may be a secret, and changes go into records, events and the console.
import type { ChangeRecord } from '../contract/config';
import { SECTIONS, type Config, type Section } from './schema';

export interface ConfigDiff {
  /** Changed paths, dot-joined like issue paths (`receivers.3.webhook_configs.0.url`). */
  changes: ChangeRecord[];
  /** Top-level sections with any change, in SECTIONS order. Always complete, even when
   *  `changes` is truncated. */
  sections: Section[];
  /** True when `changes` stopped at MAX_CHANGES. */
  truncated?: boolean;
}

/** A change list is for people and for records kept across restarts: beyond this many
 *  entries it says nothing more (inserting one receiver at the top of 1,000 shifts every
 *  index after it), so the walk stops and the diff says it is truncated. */
export const MAX_CHANGES = 1000;

/**
 * Structural diff, section by section: an early-exit deep equal decides whether a section
 * changed at all (a one-URL change among 1,000 receivers stops at the first difference),
 * and only changed sections are walked for paths. Lists compare by index. With no running
 * config (`prev` null, the first load), every section is an 'add'.
 */
export function diffConfigs(prev: Config | null, next: Config): ConfigDiff {
  if (prev === null) {
    return { changes: SECTIONS.map((s) => ({ path: s, op: 'add' })), sections: [...SECTIONS] };
  }
  const sections = SECTIONS.filter((s) => !deepEqual(prev[s], next[s]));
  const changes: ChangeRecord[] = [];
  for (const s of sections) collectChanges(prev[s], next[s], s, changes);
  const truncated = changes.length > MAX_CHANGES;
  return truncated ? { changes: changes.slice(0, MAX_CHANGES), sections, truncated } : { changes, sections };
}

type Json = unknown;

function isMapping(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Equality of parsed YAML values. NaN equals NaN (`.nan` did not change); a key holding
 *  undefined equals a missing key (zod leaves absent optional fields out, but may not always). */
export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (!isMapping(a) || !isMapping(b)) return false;
  for (const k in a) if (!deepEqual(a[k], b[k])) return false;
  for (const k in b) if (a[k] === undefined && b[k] !== undefined) return false;
  return true;
}

/** Appends the changes below `path`; stops once one past the cap is reached, which is
 *  how diffConfigs learns that it truncated. */
function collectChanges(a: Json, b: Json, path: string, out: ChangeRecord[]): void {
  if (out.length > MAX_CHANGES || deepEqual(a, b)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) collectChanges(a[i], b[i], `${path}.${i}`, out);
    for (let i = common; i < b.length; i++) push(out, `${path}.${i}`, 'add');
    for (let i = common; i < a.length; i++) push(out, `${path}.${i}`, 'remove');
    return;
  }
  if (isMapping(a) && isMapping(b)) {
    for (const k in a) {
      if (a[k] === undefined) continue;
      if (b[k] === undefined) push(out, `${path}.${k}`, 'remove');
      else collectChanges(a[k], b[k], `${path}.${k}`, out);
    }
    for (const k in b) if (b[k] !== undefined && a[k] === undefined) push(out, `${path}.${k}`, 'add');
    return;
  }
  push(out, path, 'change');
}

function push(out: ChangeRecord[], path: string, op: ChangeRecord['op']): void {
  if (out.length <= MAX_CHANGES) out.push({ path, op });
}

/**
 * A change to the files `templates:` names is a change of the config, though config.yaml
 * is the same: `templates` joins the changed sections (its owner, `receivers`, reloads) and
 * each file is a change record `templates:<path>`.
 */
export function withTemplateChanges(diff: ConfigDiff, prev: readonly { path: string; text: string }[], next: readonly { path: string; text: string }[]): ConfigDiff {
  const before = new Map(prev.map((f) => [f.path, f.text]));
  const after = new Map(next.map((f) => [f.path, f.text]));
  const changes: ChangeRecord[] = [];
  for (const [path, text] of after) {
    if (!before.has(path)) changes.push({ path: `templates:${path}`, op: 'add' });
    else if (before.get(path) !== text) changes.push({ path: `templates:${path}`, op: 'change' });
  }
  for (const path of before.keys()) if (!after.has(path)) changes.push({ path: `templates:${path}`, op: 'remove' });
  if (changes.length === 0) return diff;
  const sections = diff.sections.includes('templates') ? diff.sections : SECTIONS.filter((s) => s === 'templates' || diff.sections.includes(s));
  return { ...diff, changes: [...diff.changes, ...changes], sections };
}
