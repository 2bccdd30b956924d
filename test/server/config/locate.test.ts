// The config core's one locator: where a YAML path is, as a one-line span. The same answers
// come from the fast scanner and from the `yaml` package (fast-locate.test.ts holds them
// to each other); these cases read as the rules an operator sees in a marker or a
// FILE:LINE:COLUMN line.
import { describe, expect, it } from 'vitest';
import { createLocator, locateNestedAlias, locatePath, syntaxErrorsOf, type Span } from '../../../server/config/locate';
import { LOCATE_FIXTURE } from './yaml-corpus';

const TEXT = LOCATE_FIXTURE;

/** A span on one line: [line, column, end column]. */
const at = (line: number, column: number, endColumn: number): Span => ({ line, column, end_line: line, end_column: endColumn });

describe.each([
  ['the fast scanner first', true],
  ['the parser only', false],
])('locating with %s', (_reader, fast) => {
  const locate = (text: string, path: (string | number)[], onKey = false) => createLocator(text, { fast })(path, { onKey });

  it('points a scalar at the value, and at its key when the issue is about the key', () => {
    expect(locate(TEXT, ['server', 'port'])).toEqual(at(3, 9, 13));
    expect(locate(TEXT, ['server', 'port'], true)).toEqual(at(3, 3, 7));
    expect(locate(TEXT, ['route', 'routes', 0, 'receiver'])).toEqual(at(7, 17, 23));
  });

  it('points a collection at its key (one line, not the whole block) or a list item at its first character', () => {
    expect(locate(TEXT, ['route', 'routes'])).toEqual(at(6, 3, 9));
    expect(locate(TEXT, ['route', 'routes', 0])).toEqual(at(7, 7, 8));
    expect(locate(TEXT, ['route', 'routes', 0, 'matchers', 0])).toEqual(at(9, 11, 21));
  });

  it('falls back to the nearest existing ancestor for a missing field', () => {
    expect(locate(TEXT, ['route', 'receiver'])).toEqual(at(4, 1, 6));
    expect(locate(TEXT, ['receivers', 5, 'name'])).toEqual(at(11, 1, 10));
    expect(locate(TEXT, ['server', 'port', 'deeper'])).toEqual(at(3, 9, 13));
  });

  it('places a missing top-level section at the start of the content', () => {
    expect(locate(TEXT, ['inhibit_rules'])).toEqual(at(2, 1, 2));
    expect(locate(TEXT, [])).toEqual(at(2, 1, 2));
    expect(locate('', ['receivers'])).toEqual(at(1, 1, 2));
  });
});

describe('createLocator', () => {
  it('reads inside flow collections (through the parser)', () => {
    expect(locatePath(TEXT, ['route', 'routes', 1, 'continue'])).toEqual(at(10, 37, 41));
    expect(locatePath(TEXT, ['route', 'routes', 1, 'continue'], { onKey: true })).toEqual(at(10, 27, 35));
    expect(locatePath(TEXT, ['route', 'group_by', 0])).toEqual(at(5, 14, 23));
  });

  it('follows aliases and merge keys to where a value is written', () => {
    const text = [
      'x-hook: &hook', //                 1
      '  timeout: 5s', //                 2
      '  send_resolved: true', //         3
      'receivers:', //                    4
      '  - name: a', //                   5
      '    webhook_configs:', //          6
      '      - <<: *hook', //             7
      '        url: http://a', //         8
      '  - name: b', //                   9
      '    webhook_configs: [*hook]', //  10
      '',
    ].join('\n');
    const locate = createLocator(text);
    expect(locate(['receivers', 0, 'webhook_configs', 0, 'url'])).toEqual(at(8, 14, 22));
    expect(locate(['receivers', 0, 'webhook_configs', 0, 'timeout'])).toEqual(at(2, 12, 14));
    expect(locate(['receivers', 1, 'webhook_configs', 0, 'send_resolved'], { onKey: true })).toEqual(at(3, 3, 16));
  });

  it('still locates what it can in a file with a syntax error further down', () => {
    expect(locatePath('server:\n  port: 1\nroute: [\n', ['server', 'port'], { onKey: true })).toEqual(at(2, 3, 7));
  });

  it('keeps a span that would cross lines on its first line', () => {
    const text = 'log:\n  level: >\n    de\n    bug\n';
    expect(locatePath(text, ['log', 'level'])).toEqual({ line: 2, column: 10, end_line: 2, end_column: 11 });
  });
});

describe('syntaxErrorsOf', () => {
  it('names each construct the parser refuses, where it is', () => {
    const [first] = syntaxErrorsOf('a: 1\n---\nb: 2\n');
    expect(first?.span.line).toBe(2);
    expect(syntaxErrorsOf('a: 1\n')).toEqual([]);
  });
});

describe('locateNestedAlias', () => {
  it('points at the first alias of a collection that itself holds aliases', () => {
    const text = 'a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n';
    expect(locateNestedAlias(text)).toEqual(at(3, 8, 10));
  });

  it('falls back to the first alias, and to null without aliases', () => {
    expect(locateNestedAlias('a: &a [x]\nb: [*a]\n')).toEqual(at(2, 5, 7));
    expect(locateNestedAlias('a: 1\n')).toBeNull();
  });
});
