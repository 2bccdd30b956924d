// A reader for text/event-stream bodies (the service's reload events), following the
// WHATWG event-stream parsing rules that matter here: `id:`, `event:`, multi-line `data:`,
// comments (heartbeats) ignored, CRLF or LF line ends, an event dispatched on a blank line.
export interface SseMessage {
  /** The last `id:` seen so far in the stream (ids persist across events, per the spec). */
  id: string | undefined;
  event: string;
  data: string;
}

export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = '';
  let lastId: string | undefined;
  let event = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let eol: RegExpExecArray | null;
      while ((eol = /\r\n|\r|\n/.exec(buffer)) !== null) {
        // A lone \r at the very end may be the first half of \r\n: wait for more bytes.
        if (eol[0] === '\r' && eol.index === buffer.length - 1) break;
        const line = buffer.slice(0, eol.index);
        buffer = buffer.slice(eol.index + eol[0].length);
        if (line === '') {
          if (data.length > 0) yield { id: lastId, event: event || 'message', data: data.join('\n') };
          event = '';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const raw = colon < 0 ? '' : line.slice(colon + 1);
        const value = raw.startsWith(' ') ? raw.slice(1) : raw;
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id' && !value.includes('\0')) lastId = value;
      }
    }
  } finally {
    // Stopping early (the caller found its event) must release the socket, not leave the
    // stream half-read and the upstream connection open.
    await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
