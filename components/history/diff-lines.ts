// Classifies the lines of a unified diff (git's, or formatUnified's) for plain rendering:
// no Monaco on the history page, a diff is read as text with coloured lines.

export type DiffLineKind = 'file' | 'hunk' | 'add' | 'del' | 'context' | 'note';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

export function classifyDiff(diff: string): DiffLine[] {
  const lines = diff.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let inHunk = false;
  return lines.map((text) => {
    if (text.startsWith('@@')) {
      inHunk = true;
      return { kind: 'hunk', text };
    }
    if (!inHunk || text.startsWith('diff --git ')) {
      inHunk = false;
      return { kind: 'file', text };
    }
    if (text.startsWith('+')) return { kind: 'add', text };
    if (text.startsWith('-')) return { kind: 'del', text };
    if (text.startsWith('\\')) return { kind: 'note', text };
    return { kind: 'context', text };
  });
}
