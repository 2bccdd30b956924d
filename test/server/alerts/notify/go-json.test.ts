// JSON as Go's encoding/json writes it: the bytes Alertmanager's notifiers send.
import { describe, expect, it } from 'vitest';
import { goJson, goMap } from '../../../../server/alerts/notify/go-json';

describe('goJson', () => {
  it('writes plain strings as they are, and escapes what Go escapes (HTML-safe, control characters, U+2028/9, lone surrogates)', () => {
    expect(goJson('team=db, http://example.org/a?b=c')).toBe('"team=db, http://example.org/a?b=c"\n');
    expect(goJson('a"b\\c\nd\re\tf<g>h&i')).toBe('"a\\"b\\\\c\\nd\\re\\tf\\u003cg\\u003eh\\u0026i"\n');
    expect(goJson('\u0001\u001f\u2028\u2029')).toBe('"\\u0001\\u001f\\u2028\\u2029"\n');
    expect(goJson('x\ud800y')).toBe('"x\\ufffdy"\n');
    expect(goJson('ok 😀 é')).toBe('"ok 😀 é"\n');
  });

  it('sorts map keys by their UTF-8 bytes, as Go does (not by UTF-16 code units past U+D800)', () => {
    expect(goJson(goMap({ b: 1, a: 2, B: 3, é: 4 }))).toBe('{"B":3,"a":2,"b":1,"é":4}\n');
    // By UTF-16 code units U+1F600 (0xD83D…) would come first; by UTF-8 bytes U+FF5E (EF …) comes before it (F0 …).
    expect(goJson(goMap({ '😀': 1, '～': 2 }))).toBe('{"～":2,"😀":1}\n');
  });

  it('keeps a struct\'s field order and drops undefined fields', () => {
    expect(goJson({ receiver: 'r', status: 'firing', missing: undefined, alerts: [{ labels: goMap({ z: '1', a: '2' }) }] })).toBe(
      '{"receiver":"r","status":"firing","alerts":[{"labels":{"a":"2","z":"1"}}]}\n',
    );
  });
});
