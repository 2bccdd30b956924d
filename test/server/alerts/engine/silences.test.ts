// Silences, with Alertmanager's rules for creating, updating, expiring and silencing.
import { describe, expect, it } from 'vitest';
import { SilenceError, SilenceNotFound, Silences, silenceState } from '../../../../server/alerts/engine/silences';

const M = 60_000;
const NOW = 1_000 * M;
let n = 0;
const silences = () => new Silences(() => `s${++n}`, 60 * M);
const eq = (name: string, value: string) => ({ name, value, isRegex: false, isEqual: true });
const re = (name: string, value: string) => ({ name, value, isRegex: true, isEqual: true });
const base = { createdBy: 'ops', comment: 'maintenance' };

describe('silences', () => {
  it('silence an alert while active, when every matcher matches (regexes anchored)', () => {
    const s = silences();
    const id = s.set({ ...base, matchers: [eq('alertname', 'Disk'), re('instance', 'db-.*')], startsAt: NOW, endsAt: NOW + 60 * M }, NOW);
    expect(s.silencing({ alertname: 'Disk', instance: 'db-1' }, NOW + M)).toEqual([id]);
    expect(s.silencing({ alertname: 'Disk', instance: 'web-db-1' }, NOW + M)).toEqual([]);
    expect(s.silencing({ alertname: 'Disk', instance: 'db-1' }, NOW + 61 * M)).toEqual([]); // expired
  });

  it('remember which silences match an alert (by fingerprint) only until a silence changes; the state is read at each call', () => {
    const s = silences();
    const alert = { alertname: 'Disk', instance: 'db-1' };
    expect(s.silencing(alert, NOW, 'fp1')).toEqual([]);
    const first = s.set({ ...base, matchers: [re('instance', 'db-.*')], startsAt: NOW + M, endsAt: NOW + 10 * M }, NOW);
    expect(s.silencing(alert, NOW, 'fp1')).toEqual([]); // pending
    expect(s.silencing(alert, NOW + 2 * M, 'fp1')).toEqual([first]); // active now, same remembered match
    s.expire(first, NOW + 3 * M);
    expect(s.silencing(alert, NOW + 3 * M + 1, 'fp1')).toEqual([]);
    const second = s.set({ ...base, matchers: [eq('alertname', 'Disk')], startsAt: NOW + 4 * M, endsAt: NOW + 10 * M }, NOW + 4 * M);
    expect(s.silencing(alert, NOW + 5 * M, 'fp1')).toEqual([second]);
    expect(s.silencing({ alertname: 'Cpu' }, NOW + 5 * M, 'fp2')).toEqual([]);
  });

  it('start a silence written to start in the past now; a future one is pending until then', () => {
    const s = silences();
    const past = s.set({ ...base, matchers: [eq('a', '1')], startsAt: NOW - 10 * M, endsAt: NOW + M }, NOW);
    expect(s.get(past)!.startsAt).toBe(NOW);
    const later = s.set({ ...base, matchers: [eq('a', '1')], startsAt: NOW + 10 * M, endsAt: NOW + 20 * M }, NOW);
    expect(silenceState(s.get(later)!, NOW)).toBe('pending');
    expect(s.silencing({ a: '1' }, NOW)).toEqual([past]);
  });

  it('refuse a silence of nothing, of everything, or ending before it starts', () => {
    const s = silences();
    expect(() => s.set({ ...base, matchers: [], startsAt: NOW, endsAt: NOW + M }, NOW)).toThrow(SilenceError);
    expect(() => s.set({ ...base, matchers: [re('a', '.*'), eq('b', '')], startsAt: NOW, endsAt: NOW + M }, NOW)).toThrow(/must not match the empty string/);
    expect(() => s.set({ ...base, matchers: [eq('a', '1')], startsAt: NOW + 2 * M, endsAt: NOW + M }, NOW)).toThrow(/end time must not be before start time/);
    expect(() => s.set({ ...base, matchers: [re('a', '(')], startsAt: NOW, endsAt: NOW + M }, NOW)).toThrow(/invalid label matcher 0: invalid regular expression "\(": error parsing regexp: missing closing \)/);
  });

  it('update in place when Alertmanager allows it, otherwise expire the old one and make a new one', () => {
    const s = silences();
    const id = s.set({ ...base, matchers: [eq('a', '1')], startsAt: NOW, endsAt: NOW + 60 * M }, NOW);
    // Extending an active silence keeps its id.
    expect(s.set({ ...base, id, matchers: [eq('a', '1')], startsAt: NOW, endsAt: NOW + 120 * M }, NOW + M)).toBe(id);
    // Changing its matchers makes a new silence and expires the old one.
    const other = s.set({ ...base, id, matchers: [eq('a', '2')], startsAt: NOW, endsAt: NOW + 120 * M }, NOW + 2 * M);
    expect(other).not.toBe(id);
    expect(silenceState(s.get(id)!, NOW + 2 * M)).toBe('expired');
    expect(() => s.set({ ...base, id: 'nope', matchers: [eq('a', '1')], startsAt: NOW, endsAt: NOW + M }, NOW)).toThrow(SilenceNotFound);
  });

  it('expire an active silence now and a pending one before it starts; forget them after the retention', () => {
    const s = silences();
    const active = s.set({ ...base, matchers: [eq('a', '1')], startsAt: NOW, endsAt: NOW + 60 * M }, NOW);
    const pending = s.set({ ...base, matchers: [eq('a', '1')], startsAt: NOW + 30 * M, endsAt: NOW + 60 * M }, NOW);
    s.expire(active, NOW + M);
    s.expire(pending, NOW + M);
    expect(s.get(active)).toMatchObject({ endsAt: NOW + M });
    expect(s.get(pending)).toMatchObject({ startsAt: NOW + M, endsAt: NOW + M });
    expect(s.silencing({ a: '1' }, NOW + 2 * M)).toEqual([]);
    expect(s.gc(NOW + 62 * M)).toBe(2);
  });
});
