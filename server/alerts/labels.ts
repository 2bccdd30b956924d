// Label sets as alerts carry them (Prometheus/Alertmanager: name → value).
export type Labels = Readonly<Record<string, string>>;

/**
 * The value of one label, '' when absent — Alertmanager treats a missing label and an empty
 * one alike. Own properties only: a label named `constructor` must not read Object's.
 */
export function labelValue(labels: Labels, name: string): string {
  return Object.hasOwn(labels, name) ? (labels[name] ?? '') : '';
}
