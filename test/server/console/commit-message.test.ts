// Commit messages: no control characters but newline and tab (terminal escapes could rewrite
// a `git log` screen); identity trailers only about the signed-in user.
import { describe, expect, it } from 'vitest';
import { assertCommitMessage } from '../../../server/console/commit-message';
import { toHttpError } from '../../../server/console/errors';

const ADA = { name: 'ada', email: 'ada@example.org' };

function refusal(message: string): { status: number; message: string; details: unknown } {
  try {
    assertCommitMessage(message, ADA);
  } catch (err) {
    const http = toHttpError(err);
    return { status: http.status, message: http.message, details: http.details };
  }
  throw new Error(`accepted ${JSON.stringify(message)}`);
}

describe('assertCommitMessage', () => {
  it('accepts text, newlines, tabs, and trailers that name the signed-in user', () => {
    for (const ok of ['Fix routing', 'Fix routing\n\n\t- detail\n', 'Fix\n\nSigned-off-by: ada <ada@example.org>', 'Fix\n\nCo-Authored-By: ADA <Ada@Example.org>', 'Fix\n\nReviewed-by: bob <bob@example.org>', 'Ünïcödé — ok ✓']) {
      expect(() => assertCommitMessage(ok, ADA)).not.toThrow();
    }
  });

  it('refuses each control character but newline and tab, naming it and its line and column', () => {
    expect(refusal('one\ntwo \u001b[31mred')).toEqual({
      status: 400,
      message: expect.stringMatching(/^message: control character U\+001B at line 2, column 5: commit messages may hold text, newlines and tabs only/),
      details: { field: 'message', line: 2, column: 5, index: 8 },
    });
    for (const c of ['\u0000', '\u0007', '\r', '\u000b', '\u000c', '\u007f', '\u0085', '\u009b']) {
      expect(refusal(`a${c}b`).message).toMatch(/at line 1, column 2/);
    }
  });

  it('refuses Signed-off-by and Co-authored-by for anyone else, saying what to write instead', () => {
    const forged = refusal('Fix\n\nSigned-off-by: Linus <torvalds@example.org>');
    expect(forged.status).toBe(400);
    expect(forged.message).toBe('message: line 3 says "Signed-off-by:" for someone other than you: only you can sign your changes; write "Signed-off-by: ada <ada@example.org>" or remove the line');
    expect(refusal('Fix\n  co-authored-by:bob <bob@x>').message).toMatch(/line 2 says "co-authored-by:"/);
    expect(refusal('Signed-off-by: ada').message).toMatch(/line 1/);
  });
});
