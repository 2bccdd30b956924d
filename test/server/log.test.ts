// The service's log on stderr: lines of one event-loop turn go out together, after the turn
// (a reload's answer is not held up by its log line), in the order they were logged.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LogHub, flushStderr } from '../../server/log';

afterEach(() => vi.restoreAllMocks());

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function captureStderr(): string[] {
  const writes: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    writes.push(String(chunk));
    return true;
  });
  return writes;
}

describe('the stderr log', () => {
  it('writes the lines of one turn after it, in one write, in order', async () => {
    const writes = captureStderr();
    const log = new LogHub({ level: 'info', format: 'text' }).logger();
    log.info('first');
    log.warn('second');
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/INFO {2}first\n.*WARN {2}second\n$/);
  });

  it('writes what is queued at once when flushed (before a direct write or a kill)', () => {
    const writes = captureStderr();
    const log = new LogHub({ level: 'info', format: 'json' }).logger();
    log.error('going down', { why: 'test' });
    flushStderr();
    expect(writes).toHaveLength(1);
    expect(JSON.parse(writes[0]!)).toMatchObject({ level: 'error', msg: 'going down', why: 'test' });
    flushStderr();
    expect(writes).toHaveLength(1);
  });
});
