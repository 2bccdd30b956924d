import type { Registry } from 'prom-client';

/** The value of one series (counter/gauge) or of a histogram's _count, by labels. */
export async function metricValue(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  const wanted = Object.entries(labels);
  const isHistogram = values.some((v) => (v as { metricName?: string }).metricName?.endsWith('_count'));
  const match = values.find(
    (v) => (!isHistogram || (v as { metricName?: string }).metricName === `${name}_count`) && wanted.every(([k, val]) => String(v.labels[k]) === val),
  );
  return match?.value ?? 0;
}

/** Parses Prometheus text format into "name{labels}" → value, for process-level tests. */
export function parsePromText(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}
