import { describe, expect, it } from 'vitest';
import { readSse, type SseMessage } from '../../../server/console/sse';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
}

async function all(chunks: string[]): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const m of readSse(streamOf(chunks))) out.push(m);
  return out;
}

describe('readSse', () => {
  it('yields id, event name and data of each event, skipping heartbeat comments', async () => {
    const msgs = await all([': heartbeat\n\n', 'id: 7\nevent: reload.started\ndata: {"id":1}\n\n', ': heartbeat\n\n']);
    expect(msgs).toEqual([{ id: '7', event: 'reload.started', data: '{"id":1}' }]);
  });

  it('reassembles events split anywhere across chunks, including inside CRLF', async () => {
    const msgs = await all(['id: 1\r', '\nevent: a\r\nda', 'ta: x\r\n\r', '\nid: 2\nevent: b\ndata: y\n', '\n']);
    expect(msgs.map((m) => [m.id, m.event, m.data])).toEqual([
      ['1', 'a', 'x'],
      ['2', 'b', 'y'],
    ]);
  });

  it('joins multi-line data with newlines and defaults the event name to message', async () => {
    expect(await all(['data: one\ndata: two\n\n'])).toEqual([{ id: undefined, event: 'message', data: 'one\ntwo' }]);
  });

  it('keeps the last id for later events that carry none', async () => {
    const msgs = await all(['id: 5\ndata: a\n\n', 'data: b\n\n']);
    expect(msgs.map((m) => m.id)).toEqual(['5', '5']);
  });

  it('drops an event left unfinished when the stream ends', async () => {
    expect(await all(['data: complete\n\n', 'data: cut off'])).toHaveLength(1);
  });

  it('cancels the underlying stream when the consumer stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('data: first\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const m of readSse(body)) {
      expect(m.data).toBe('first');
      break;
    }
    expect(cancelled).toBe(true);
  });
});
