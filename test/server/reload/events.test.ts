import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../server/reload/events';

const started = (id: number) => ({ id, trigger: 'api' as const, commit: null });

describe('the event bus', () => {
  it('numbers events in increasing order, starting above any id of an earlier process', () => {
    const bus = new EventBus();
    const a = bus.publish('reload.started', started(1));
    const b = bus.publish('reload.started', started(2));
    expect(b.id).toBe(a.id + 1);
    expect(a.id).toBeGreaterThan((Date.now() - 60_000) * 1000);
  });

  it('replays only what came after Last-Event-ID, then streams, with nothing lost in between', () => {
    const bus = new EventBus({ firstId: 1 });
    for (let i = 1; i <= 5; i++) bus.publish('reload.started', started(i));
    const got: number[] = [];
    bus.subscribe((e) => got.push(e.id), 3);
    bus.publish('reload.started', started(6));
    expect(got).toEqual([4, 5, 6]);
  });

  it('keeps the last `capacity` events for replay', () => {
    const bus = new EventBus({ capacity: 1000, firstId: 1 });
    for (let i = 1; i <= 2500; i++) bus.publish('reload.started', started(i));
    const replay = bus.since(0);
    expect(replay).toHaveLength(1000);
    expect(replay[0]!.id).toBe(1501);
    expect(replay.at(-1)!.id).toBe(2500);
  });

  it('drops a subscriber that throws without disturbing the publisher or the others', () => {
    const bus = new EventBus();
    const got: number[] = [];
    bus.subscribe(() => {
      throw new Error('broken client');
    });
    bus.subscribe((e) => got.push(e.id));
    expect(() => bus.publish('reload.started', started(1))).not.toThrow();
    bus.publish('reload.started', started(2));
    expect(got).toHaveLength(2);
    expect(bus.subscriberCount).toBe(1);
  });
});
