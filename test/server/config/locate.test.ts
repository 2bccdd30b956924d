import { describe, expect, it } from 'vitest';
import { createLocator, locateNestedAlias, locatePath, locateSyntaxError } from '../../../server/config/locate';
import { LOCATE_FIXTURE } from './yaml-corpus';

const TEXT = LOCATE_FIXTURE;

describe('locatePath', () => {
  it('points a mapping entry at its key', () => {
    expect(locatePath(TEXT, ['server', 'port'])).toEqual({ line: 3, column: 3 });
    expect(locatePath(TEXT, ['route', 'routes', 0, 'receiver'])).toEqual({ line: 7, column: 7 });
  });

  it('points a list item at the item', () => {
    expect(locatePath(TEXT, ['route', 'routes', 0, 'matchers', 0])).toEqual({ line: 9, column: 11 });
    expect(locatePath(TEXT, ['route', 'group_by', 0])).toEqual({ line: 5, column: 14 });
    expect(locatePath(TEXT, ['route', 'routes', 1])).toEqual({ line: 10, column: 7 });
  });

  it('finds keys inside flow mappings', () => {
    expect(locatePath(TEXT, ['route', 'routes', 1, 'continue'])).toEqual({ line: 10, column: 27 });
  });

  it('falls back to the nearest existing ancestor for a missing field', () => {
    // A missing route.receiver is reported on the `route` key.
    expect(locatePath(TEXT, ['route', 'receiver'])).toEqual({ line: 4, column: 1 });
    expect(locatePath(TEXT, ['receivers', 5, 'name'])).toEqual({ line: 11, column: 1 });
    expect(locatePath(TEXT, ['server', 'port', 'deeper'])).toEqual({ line: 3, column: 3 });
  });

  it('places a missing top-level section at the start of the content', () => {
    expect(locatePath(TEXT, ['inhibit_rules'])).toEqual({ line: 2, column: 1 });
    expect(locatePath(TEXT, [])).toEqual({ line: 2, column: 1 });
    expect(locatePath('', ['receivers'])).toEqual({ line: 1, column: 1 });
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
    expect(locatePath(text, ['receivers', 0, 'webhook_configs', 0, 'url'])).toEqual({ line: 8, column: 9 });
    expect(locatePath(text, ['receivers', 0, 'webhook_configs', 0, 'timeout'])).toEqual({ line: 2, column: 3 });
    expect(locatePath(text, ['receivers', 1, 'webhook_configs', 0, 'send_resolved'])).toEqual({ line: 3, column: 3 });
  });

  it('still locates what it can in a file with a syntax error further down', () => {
    expect(locatePath('server:\n  port: 1\nroute: [\n', ['server', 'port'])).toEqual({ line: 2, column: 3 });
  });
});

describe('createLocator', () => {
  it('answers many paths from one parse', () => {
    const locate = createLocator(TEXT);
    expect(locate(['server'])).toEqual({ line: 2, column: 1 });
    expect(locate(['receivers', 0, 'name'])).toEqual({ line: 12, column: 5 });
  });
});

describe('locateSyntaxError', () => {
  it('gives the position of the first error, or null for valid YAML', () => {
    expect(locateSyntaxError('a: 1\n---\nb: 2\n')).toEqual({ line: 2, column: 1 });
    expect(locateSyntaxError('a: 1\n')).toBeNull();
  });
});

describe('locateNestedAlias', () => {
  it('points at the first alias of a collection that itself holds aliases', () => {
    const text = 'a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n';
    expect(locateNestedAlias(text)).toEqual({ line: 3, column: 8 });
  });

  it('falls back to the first alias, and to null without aliases', () => {
    expect(locateNestedAlias('a: &a [x]\nb: [*a]\n')).toEqual({ line: 2, column: 5 });
    expect(locateNestedAlias('a: 1\n')).toBeNull();
  });
});
