// When a group's notification goes out, and when it does not: Alertmanager's dedup rules.
import { describe, expect, it } from 'vitest';
import { NotificationLog, logKey, needsUpdate } from '../../../../server/alerts/engine/notification-log';

const H = 3_600_000;
const set = (...xs: string[]) => new Set(xs);
const opts = (over: Partial<{ repeatMs: number; sendResolved: boolean; now: number }> = {}) => ({ repeatMs: 4 * H, sendResolved: true, now: 10 * H, ...over });

describe('needsUpdate', () => {
  it('notifies a first time only when something fires', () => {
    expect(needsUpdate(undefined, set('a'), set(), opts())).toBe(true);
    expect(needsUpdate(undefined, set(), set('a'), opts())).toBe(false);
  });

  it('notifies when an alert fires that the last notification did not hold, not for one that stopped', () => {
    const entry = { firing: set('a', 'b'), resolved: set(), at: 9 * H };
    expect(needsUpdate(entry, set('a', 'c'), set(), opts())).toBe(true);
    expect(needsUpdate(entry, set('a'), set(), opts({ sendResolved: false }))).toBe(false);
  });

  it('notifies when everything resolved after firing, once', () => {
    expect(needsUpdate({ firing: set('a'), resolved: set(), at: 9 * H }, set(), set('a'), opts())).toBe(true);
    expect(needsUpdate({ firing: set(), resolved: set('a'), at: 9 * H }, set(), set('a'), opts())).toBe(false);
  });

  it('with send_resolved, notifies an alert that resolved while others still fire', () => {
    const entry = { firing: set('a', 'b'), resolved: set(), at: 9 * H };
    expect(needsUpdate(entry, set('a'), set('b'), opts())).toBe(true);
    expect(needsUpdate(entry, set('a'), set('b'), opts({ sendResolved: false }))).toBe(false);
  });

  it('repeats after repeat_interval and not before', () => {
    const entry = { firing: set('a'), resolved: set(), at: 6 * H };
    expect(needsUpdate(entry, set('a'), set(), opts({ now: 6 * H + 4 * H - 1 }))).toBe(false);
    expect(needsUpdate(entry, set('a'), set(), opts({ now: 6 * H + 4 * H + 1 }))).toBe(true);
  });
});

describe('NotificationLog', () => {
  it('keeps one entry per group and integration, expires old ones, and round-trips a snapshot', () => {
    const log = new NotificationLog(H);
    const k = logKey('{}:{alertname="A"}', 'default/webhook/0');
    log.record(k, ['a'], [], 1_000);
    expect(log.get(k)).toEqual({ firing: set('a'), resolved: set(), at: 1_000 });
    const copy = new NotificationLog(H);
    copy.restore(log.snapshot());
    expect(copy.get(k)).toEqual(log.get(k));
    expect(log.expire(1_000 + H + 1)).toBe(1);
    expect(log.get(k)).toBeUndefined();
  });
});
