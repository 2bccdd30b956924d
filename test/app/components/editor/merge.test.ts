import { describe, expect, it } from 'vitest';
import { countConflictMarkers, markSides, merge3 } from '../../../../components/editor/merge';

const base = ['route:', '  receiver: default', 'receivers:', '  - name: default', 'log:', '  level: info', ''].join('\n');

describe('merge3', () => {
  it('takes my edit when only I changed the file', () => {
    const mine = base.replace('level: info', 'level: debug');
    expect(merge3(base, base, mine)).toEqual({ text: mine, conflicts: 0 });
  });

  it("takes their edit when only they changed the file", () => {
    const theirs = base.replace('receiver: default', 'receiver: other');
    expect(merge3(base, theirs, base)).toEqual({ text: theirs, conflicts: 0 });
  });

  it('combines edits to different lines without conflict', () => {
    const theirs = base.replace('receiver: default', 'receiver: other');
    const mine = base.replace('level: info', 'level: debug');
    const merged = merge3(base, theirs, mine);
    expect(merged.conflicts).toBe(0);
    expect(merged.text).toContain('receiver: other');
    expect(merged.text).toContain('level: debug');
  });

  it('combines an insertion on one side with an edit elsewhere on the other', () => {
    const theirs = base.replace('  - name: default\n', '  - name: default\n  - name: pager\n');
    const mine = base.replace('level: info', 'level: warn');
    const merged = merge3(base, theirs, mine);
    expect(merged.conflicts).toBe(0);
    expect(merged.text).toBe(theirs.replace('level: info', 'level: warn'));
  });

  it('accepts the same change made on both sides once', () => {
    const both = base.replace('level: info', 'level: error');
    expect(merge3(base, both, both)).toEqual({ text: both, conflicts: 0 });
  });

  it('marks a conflict where both sides changed the same line, keeping theirs, base and mine', () => {
    const theirs = base.replace('level: info', 'level: warn');
    const mine = base.replace('level: info', 'level: debug');
    const merged = merge3(base, theirs, mine, { theirs: 'HEAD abc1234', base: 'base', mine: 'mine' });
    expect(merged.conflicts).toBe(1);
    expect(merged.text).toContain(['log:', '<<<<<<< HEAD abc1234', '  level: warn', '||||||| base', '  level: info', '=======', '  level: debug', '>>>>>>> mine', ''].join('\n'));
    expect(countConflictMarkers(merged.text)).toBe(1);
  });

  it('marks a conflict when both sides append different lines at the end', () => {
    const merged = merge3('a\n', 'a\nb\n', 'a\nc\n');
    expect(merged.conflicts).toBe(1);
    expect(merged.text).toContain('b');
    expect(merged.text).toContain('c');
  });

  it('loses no line of either side when resolving conflicts by hand is still needed', () => {
    const theirs = 'x\n1\n2\n';
    const mine = 'y\n1\n3\n';
    const merged = merge3('z\n1\n2\n', theirs, mine);
    for (const line of ['x', 'y', '1', '3']) expect(merged.text.split('\n')).toContain(line);
  });
});

describe('countConflictMarkers', () => {
  it('counts only markers at the start of a line', () => {
    expect(countConflictMarkers('a: "<<<<<<< not a marker"\n<<<<<<< theirs\nb\n')).toBe(1);
    expect(countConflictMarkers('plain\n')).toBe(0);
  });
});

describe('markSides', () => {
  it("marks each side's changed lines in its own text and the replaced ones in the base", () => {
    const theirs = base.replace('receiver: default', 'receiver: other');
    const mine = base.replace('level: info', 'level: debug');
    const marks = markSides(base, theirs, mine);
    expect([...marks.theirs.lines]).toEqual([1]);
    expect([...marks.mine.lines]).toEqual([5]);
    expect([...marks.base.lines].sort()).toEqual([1, 5]);
    expect(marks.base.first).toBe(1);
  });

  it('has nothing to open at for an unchanged side', () => {
    expect(markSides(base, base, base).theirs).toEqual({ lines: new Set(), first: -1 });
  });
});
