// An alert's fingerprint is Alertmanager's: the real Alertmanager, given the same label
// sets, reports the same fingerprints (webhook payloads and the API carry them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../../server/alerts/engine/fingerprint';
import { startAlertmanager, type AlertmanagerProcess } from '../../../support/alertmanager-process';

const LABEL_SETS: Record<string, string>[] = [
  { alertname: 'HighLatency' },
  { alertname: 'HighLatency', severity: 'critical', instance: 'db-1:9100' },
  { severity: 'critical', alertname: 'HighLatency', instance: 'db-1:9100' }, // order does not matter
  { alertname: 'Unicode', team: 'équipe-ü', note: '日本語 ✓' },
  { alertname: 'Empty', empty: '' },
  { alertname: 'Long', value: 'x'.repeat(1000) },
  ...randomLabelSets(300, 7),
];

/** Label sets from a seeded generator: every byte value's carry path through the 64-bit
 *  arithmetic gets exercised (ASCII, Latin-1, BMP and astral characters, lengths 0-40). */
function randomLabelSets(n: number, seed: number): Record<string, string>[] {
  let x = seed;
  const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0), x);
  const pools = ['abcdefghijklmnopqrstuvwxyz_0123456789', ' !"#$%&\'()*+,-./:;<=>?@[\\]^`{|}~', 'éüßçñø°±µ', '日本語中文한국어✓★', '😀🚀🌍'];
  const text = (len: number) => {
    let s = '';
    for (let i = 0; i < len; i++) {
      const pool = [...pools[next() % pools.length]!];
      s += pool[next() % pool.length];
    }
    return s;
  };
  return Array.from({ length: n }, (_, i) => {
    const labels: Record<string, string> = { alertname: `R${i}` };
    for (let k = next() % 5; k > 0; k--) labels[`l${next() % 50}`] = text(next() % 41);
    return labels;
  });
}

let am: AlertmanagerProcess;
beforeAll(async () => {
  am = await startAlertmanager('route: { receiver: none }\nreceivers: [{ name: none }]\n');
});
afterAll(() => am?.stop());

describe('fingerprint', () => {
  it('is the one Alertmanager computes for the same labels', async () => {
    const res = await fetch(`${am.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(LABEL_SETS.map((labels) => ({ labels }))),
    });
    expect(res.ok).toBe(true);
    const held = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as { labels: Record<string, string>; fingerprint: string }[];
    expect(held.length).toBe(LABEL_SETS.length - 1); // two of the sets are one alert
    for (const alert of held) expect(fingerprint(alert.labels), JSON.stringify(alert.labels)).toBe(alert.fingerprint);
  });

  it('ignores label order and tells different label sets apart', () => {
    expect(fingerprint(LABEL_SETS[1]!)).toBe(fingerprint(LABEL_SETS[2]!));
    expect(fingerprint({ a: 'b' })).not.toBe(fingerprint({ a: 'c' }));
    expect(fingerprint({ ab: 'c' })).not.toBe(fingerprint({ a: 'bc' }));
    expect(fingerprint({})).toBe('cbf29ce484222325');
  });
});
