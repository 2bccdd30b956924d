import { describe, expect, it } from 'vitest';
import { classifyDiff } from '../../../../components/history/diff-lines';

describe('classifyDiff', () => {
  it("tells git's file header, hunk headers, additions, deletions and context apart", () => {
    const diff = ['diff --git a/config.yaml b/config.yaml', 'index 1..2 100644', '--- a/config.yaml', '+++ b/config.yaml', '@@ -1,2 +1,2 @@', ' route:', '-  receiver: a', '+  receiver: b', '\\ No newline at end of file', ''].join('\n');
    expect(classifyDiff(diff).map((l) => l.kind)).toEqual(['file', 'file', 'file', 'file', 'hunk', 'context', 'del', 'add', 'note']);
  });

  it('does not take the --- / +++ header lines for a deletion or an addition', () => {
    expect(classifyDiff('--- a/x\n+++ b/x\n').map((l) => l.kind)).toEqual(['file', 'file']);
  });
});
