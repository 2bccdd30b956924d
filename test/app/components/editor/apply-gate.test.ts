import { describe, expect, it } from 'vitest';
import { applyBlocker, type GateInput } from '../../../../components/editor/apply-gate';
import type { ConfigIssue } from '../../../../server/contract/config';

const ok: GateInput = { content: 'b', baseContent: 'a', message: 'Raise the log level', issues: [], plan: null };
const issue = (path: string, message: string): ConfigIssue => ({ path, message, code: 'x', line: 1, column: 1 });

describe('applyBlocker', () => {
  it('lets a changed, valid draft with a message through', () => {
    expect(applyBlocker(ok)).toBeNull();
  });

  it('names the count and the first error with its path', () => {
    const reason = applyBlocker({ ...ok, issues: [issue('route.routes.0.receiver', 'route names receiver "x", which is not defined')] });
    expect(reason).toBe('1 error: route.routes.0.receiver: route names receiver "x", which is not defined');
  });

  it('pluralizes and truncates long reasons with an ellipsis', () => {
    const reason = applyBlocker({ ...ok, issues: [issue('a', 'y'.repeat(300)), issue('b', 'z')] })!;
    expect(reason.startsWith('2 errors: a: ')).toBe(true);
    expect(reason.endsWith('…')).toBe(true);
    expect(reason.length).toBeLessThanOrEqual(110);
  });

  it('blocks while conflict markers remain, before anything else', () => {
    const content = '<<<<<<< theirs\na\n=======\nb\n>>>>>>> mine\n';
    expect(applyBlocker({ ...ok, content, issues: [issue('a', 'b')] })).toMatch(/^1 unresolved conflict:/);
  });

  it("blocks on errors only the service's plan found", () => {
    const plan = { valid: false, errors: [{ path: 'webhook.authentication.api_key', line: 3, column: 5, message: 'environment variable INGEST_API_KEY is not set', code: 'secret' }], warnings: [], changes: [], components: [], restart_required: [], summary: '' };
    expect(applyBlocker({ ...ok, plan })).toMatch(/^the service found 1 error: webhook\.authentication\.api_key/);
  });

  it('does not block on a failed preflight of a valid plan: the service will decide and roll back', () => {
    const plan = {
      valid: false,
      errors: [{ path: 'database', line: null, column: null, message: 'storage: cannot open /dev/null/alerts.db', code: 'preflight_failed' }],
      warnings: [],
      changes: [],
      components: [{ name: 'storage', critical: true, preflight: 'failed' as const, error: 'cannot open' }],
      restart_required: [],
      summary: '',
    };
    expect(applyBlocker({ ...ok, plan })).toBeNull();
  });

  it('asks for an edit when nothing changed, and for a message when it is blank', () => {
    expect(applyBlocker({ ...ok, content: 'a' })).toMatch(/^No changes/);
    expect(applyBlocker({ ...ok, message: '   ' })).toMatch(/commit message/);
  });
});
