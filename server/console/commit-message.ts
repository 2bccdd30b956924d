// What a commit message may hold (issue 11). Messages are shown in terminals (`git log`) and
// pages: a control character could rewrite a terminal's screen, so none but newline and tab
// is accepted. Trailers that name people — Signed-off-by, Co-authored-by — are claims of
// identity; a user may make them only about themselves.
import type { Author } from '../git/author';
import { HttpError } from './errors';

// C0 controls but tab (\t) and newline (\n), DEL, and the C1 controls (which include CSI).
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;
const IDENTITY_TRAILER_RE = /^(signed-off-by|co-authored-by)\s*:\s*(.*)$/i;

export function assertCommitMessage(message: string, author: Author): void {
  const control = CONTROL_RE.exec(message);
  if (control) {
    const { line, column } = positionOf(message, control.index);
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new HttpError(400, 'bad_message', `message: control character U+${code} at line ${line}, column ${column}: commit messages may hold text, newlines and tabs only; remove it and apply again`, {
      details: { field: 'message', line, column, index: control.index },
    });
  }
  const self = `${author.name} <${author.email}>`;
  message.split('\n').forEach((text, i) => {
    const m = IDENTITY_TRAILER_RE.exec(text.trim());
    if (!m || m[2]!.trim().toLowerCase() === self.toLowerCase()) return;
    throw new HttpError(400, 'bad_message', `message: line ${i + 1} says "${m[1]}:" for someone other than you: only you can sign your changes; write "${m[1]}: ${self}" or remove the line`, {
      details: { field: 'message', line: i + 1, column: 1 },
    });
  });
}

function positionOf(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}
