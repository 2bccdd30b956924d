import { describe, expect, it } from 'vitest';
import { diffLines, diffStat, formatUnified, splitLines, unifiedHunks } from '../../../../components/ui/line-diff';

function apply(a: string[], ops: ReturnType<typeof diffLines>): string[] {
  return ops.filter((o) => o.kind !== 'delete').map((o) => o.text);
}

describe('splitLines', () => {
  it('does not count the trailing newline as an extra line', () => {
    expect(splitLines('a\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('a\nb')).toEqual(['a', 'b']);
    expect(splitLines('')).toEqual([]);
  });
});

describe('diffLines', () => {
  it('reports nothing but equal lines for identical inputs', () => {
    expect(diffLines(['a', 'b'], ['a', 'b']).every((o) => o.kind === 'equal')).toBe(true);
  });

  it('finds a single changed line in the middle as one delete and one insert', () => {
    const ops = diffLines(['a', 'b', 'c'], ['a', 'x', 'c']);
    expect(ops.map((o) => `${o.kind}:${o.text}`)).toEqual(['equal:a', 'delete:b', 'insert:x', 'equal:c']);
  });

  it('produces an edit script that turns a into b, with indexes on both sides', () => {
    const a = ['server:', '  port: 8080', 'log:', '  level: info', 'route:', '  receiver: default'];
    const b = ['server:', '  port: 9090', '  host: 0.0.0.0', 'route:', '  receiver: default', 'receivers: []'];
    const ops = diffLines(a, b);
    expect(apply(a, ops)).toEqual(b);
    for (const op of ops) {
      if (op.kind !== 'insert') expect(a[op.aIndex!]).toBe(op.text);
      if (op.kind !== 'delete') expect(b[op.bIndex!]).toBe(op.text);
    }
  });

  it('is minimal: one inserted line costs one edit', () => {
    const a = Array.from({ length: 50 }, (_, i) => `line ${i}`);
    const b = [...a.slice(0, 25), 'new', ...a.slice(25)];
    expect(diffLines(a, b).filter((o) => o.kind !== 'equal')).toHaveLength(1);
  });

  it('handles empty sides', () => {
    expect(diffLines([], ['x']).map((o) => o.kind)).toEqual(['insert']);
    expect(diffLines(['x'], []).map((o) => o.kind)).toEqual(['delete']);
    expect(diffLines([], [])).toEqual([]);
  });

  it('still returns a correct script when the inputs share nothing and are large', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`);
    const ops = diffLines(a, b);
    expect(apply(a, ops)).toEqual(b);
  });
});

describe('unifiedHunks and formatUnified', () => {
  it('numbers hunks like diff -u and keeps three lines of context', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
    const b = ['1', '2', '3', '4', '5', 'six', '7', '8', '9', '10'];
    expect(formatUnified(a.join('\n'), b.join('\n'))).toBe(['@@ -3,7 +3,7 @@', ' 3', ' 4', ' 5', '-6', '+six', ' 7', ' 8', ' 9'].join('\n'));
  });

  it('splits changes far apart into separate hunks and joins close ones', () => {
    const a = Array.from({ length: 30 }, (_, i) => `l${i}`);
    const far = a.map((l, i) => (i === 2 || i === 25 ? `${l}!` : l));
    const near = a.map((l, i) => (i === 2 || i === 6 ? `${l}!` : l));
    expect(unifiedHunks(a, far)).toHaveLength(2);
    expect(unifiedHunks(a, near)).toHaveLength(1);
  });

  it('is empty for equal texts', () => {
    expect(formatUnified('a\nb\n', 'a\nb\n')).toBe('');
  });

  it('reports a pure insertion into an empty file with start 0 on the empty side', () => {
    expect(formatUnified('', 'x\n')).toBe('@@ -0,0 +1,1 @@\n+x');
  });
});

describe('diffStat', () => {
  it('counts added and removed lines', () => {
    expect(diffStat('a\nb\nc\n', 'a\nB\nc\nd\n')).toEqual({ added: 2, removed: 1 });
  });
});
