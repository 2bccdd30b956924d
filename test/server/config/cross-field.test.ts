// The cross-field rules with a memo (what the incremental checker passes on every reload)
// must answer exactly as a fresh check does: a part is reused only while its inputs are the
// very same objects, or — for the receiver names — the very same names in the same order.
import { describe, expect, it } from 'vitest';
import { CrossFieldMemo, crossFieldIssues } from '../../../server/config/cross-field';

type Cfg = Record<string, unknown>;

const receiver = (name: string, url = `http://127.0.0.1:9/${name}`) => ({ name, webhook_configs: [{ url }] });
const child = (receiver: string, extra: Cfg = {}) => ({ receiver, matchers: [`team="${receiver}"`], ...extra });

function base(): { receivers: Cfg[]; route: Cfg; time_intervals: Cfg[]; global: Cfg } {
  const receivers = ['default', 'a', 'b', 'c'].map((n) => receiver(n));
  return {
    global: {},
    receivers,
    time_intervals: [{ name: 'nights', time_intervals: [] }],
    route: { receiver: 'default', routes: [child('a'), child('b', { mute_time_intervals: ['nights'] }), child('c')] },
  };
}

/** The memo's answer, checked against a fresh check's, for each config of a sequence. */
function sequence(configs: Cfg[]): string[][] {
  const memo = new CrossFieldMemo();
  return configs.map((cfg) => {
    const memoised = crossFieldIssues(cfg, memo);
    expect(memoised).toEqual(crossFieldIssues(cfg));
    return memoised.map((i) => i.rule);
  });
}

describe('cross-field rules with a memo', () => {
  it('answer as a fresh check does, edit after edit', () => {
    const c0 = base();
    // A receiver renamed: a child route now names one that does not exist (same route objects).
    const c1 = { ...c0, receivers: c0.receivers.map((r, i) => (i === 2 ? receiver('b2') : r)) };
    // Its URL edited back under the old name: the names are those of c0 again.
    const c2 = { ...c0, receivers: c0.receivers.map((r, i) => (i === 2 ? receiver('b', 'http://127.0.0.1:9/other') : r)) };
    // A duplicate name.
    const c3 = { ...c2, receivers: [...c2.receivers, receiver('a')] };
    // The time interval a child route mutes on removed (same routes, same receivers).
    const c4 = { ...c2, time_intervals: [] };
    // A root route edit that keeps the very same child list.
    const c5 = { ...c2, route: { ...c2.route, group_wait: '45s' } };
    // A child route edit that names a missing receiver.
    const c6 = { ...c2, route: { ...c2.route, routes: [child('a'), child('zz'), child('c')] } };
    expect(sequence([c0, c1, c2, c3, c4, c5, c6, c0])).toEqual([
      [],
      ['unknown_receiver'],
      [],
      ['unique_receiver'],
      ['unknown_time_interval'],
      [],
      ['unknown_receiver'],
      [],
    ]);
  });

  it('answers for the receivers that take from global as a fresh check does, as receivers and global change', () => {
    const c0 = base();
    const slack = { name: 'd', slack_configs: [{ channel: '#x' }] };
    const c1 = { ...c0, receivers: [...c0.receivers, slack] };
    // Another receiver edited: the slack one is the same object at the same place.
    const c2 = { ...c1, receivers: c1.receivers.map((r, i) => (i === 1 ? receiver('a', 'http://127.0.0.1:9/new') : r)) };
    const c3 = { ...c2, global: { slack_api_url: 'http://127.0.0.1:9/slack' } };
    // The same receiver objects in other places.
    const c4 = { ...c2, receivers: [...c2.receivers].reverse() };
    expect(sequence([c0, c1, c2, c3, c2, c4])).toEqual([[], ['global_fallback'], ['global_fallback'], [], ['global_fallback'], ['global_fallback']]);
  });

  it('keeps the receiver names of a list whose names did not change, so the route walk is not redone', () => {
    const memo = new CrossFieldMemo();
    const c0 = base();
    crossFieldIssues(c0, memo);
    const names = memo.names;
    const walked = memo.children;
    const c1 = { ...c0, receivers: c0.receivers.map((r, i) => (i === 1 ? receiver('a', 'http://127.0.0.1:9/new') : r)) };
    crossFieldIssues(c1, memo);
    expect(memo.names!.map).toBe(names!.map);
    expect(memo.children).toBe(walked);
    crossFieldIssues({ ...c1, receivers: [...c1.receivers, receiver('d')] }, memo);
    expect(memo.names!.map).not.toBe(names!.map);
    expect(memo.children).not.toBe(walked);
  });
});
