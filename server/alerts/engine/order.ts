// The order Alertmanager lists alerts in (types.AlertSlice): by the `job` label, then
// `instance`, then the label sets themselves (model.LabelSet.Before). Notification payloads
// list alerts in this order, so ours must too.
import type { Labels } from '../labels';

export function compareAlerts(a: { labels: Labels }, b: { labels: Labels }): number {
  for (const key of ['job', 'instance']) {
    const av = Object.hasOwn(a.labels, key) ? a.labels[key] : undefined;
    const bv = Object.hasOwn(b.labels, key) ? b.labels[key] : undefined;
    if (av === undefined && bv === undefined) continue;
    if (av === undefined) return 1;
    if (bv === undefined) return -1;
    if (av !== bv) return av < bv ? -1 : 1;
  }
  return labelSetBefore(a.labels, b.labels) ? -1 : labelSetBefore(b.labels, a.labels) ? 1 : 0;
}

/** model.LabelSet.Before: fewer labels first, then by the values of the sorted names. */
export function labelSetBefore(x: Labels, y: Labels): boolean {
  const xn = Object.keys(x);
  const yn = Object.keys(y);
  if (xn.length !== yn.length) return xn.length < yn.length;
  for (const name of [...xn, ...yn].sort()) {
    if (!Object.hasOwn(x, name)) return true;
    if (!Object.hasOwn(y, name)) return false;
    if (x[name]! < y[name]!) return true;
    if (x[name]! > y[name]!) return false;
  }
  return false;
}
