// When the checkpointer's thread looks at a database next, and how it reads a log's growth.
import { describe, expect, it } from 'vitest';
import { framesWritten, nextRoundMs } from '../../../server/wal-checkpoint/schedule';

const MB = 1_000_000;
const backstopBytes = 4_096_000;

describe('framesWritten', () => {
  it('is 0 when nobody wrote (same data_version), whatever the log holds', () => {
    expect(framesWritten({ log: 234, checkpointed: 234, at: 0, version: 7 }, { log: 234 }, 7)).toBe(0);
  });

  it('counts the whole log when the last round had copied all of it: the log was started over', () => {
    expect(framesWritten({ log: 234, checkpointed: 234, at: 0, version: 7 }, { log: 234 }, 8)).toBe(234);
  });

  it('counts what was added when the last round left part of the log', () => {
    expect(framesWritten({ log: 300, checkpointed: 200, at: 0, version: 7 }, { log: 450 }, 8)).toBe(150);
  });
});

describe('nextRoundMs', () => {
  const at = (bytesPerS: number, leftBytes = 0) => nextRoundMs({ leftBytes, bytesPerS, backstopBytes, everyMs: 1_000 });

  it('waits the full period for a quiet or slow log', () => {
    expect(at(0)).toBe(1_000);
    expect(at(0.5 * MB)).toBe(1_000);
  });

  it('comes when the log would reach half the backstop, no sooner', () => {
    expect(at(3 * MB)).toBeCloseTo(682.7, 0); // light ingest: not ten times a second
    expect(at(8 * MB)).toBeCloseTo(256, 0);
  });

  it('never comes sooner than 100 ms, and at 100 ms for a log left behind', () => {
    expect(at(40 * MB)).toBe(100);
    expect(at(0, 2 * MB)).toBe(100);
  });
});
