import { describe, expect, it } from 'vitest';
import { describeDrift } from '../../../../components/overview/drift';

const head = 'b'.repeat(40);
const running = 'a'.repeat(40);

describe('describeDrift', () => {
  it('says the service runs HEAD when there is no drift', () => {
    expect(describeDrift({ drift: 'none', commit: head, head_commit: head, source: 'file' })).toMatchObject({ label: 'in sync', tone: 'ok' });
  });

  it('names both commits when the service is behind HEAD', () => {
    const d = describeDrift({ drift: 'behind', commit: running, head_commit: head, source: 'file' });
    expect(d.label).toBe('behind HEAD');
    expect(d.explanation).toContain('aaaaaaa');
    expect(d.explanation).toContain('bbbbbbb');
  });

  it('calls a hand edit a hand edit and says how to resolve it', () => {
    const d = describeDrift({ drift: 'dirty', commit: head, head_commit: head, source: 'file' });
    expect(d).toMatchObject({ label: 'hand edit', tone: 'warn' });
    expect(d.explanation).toMatch(/edited by hand/);
  });

  it('mentions a start on the last known good config', () => {
    expect(describeDrift({ drift: 'none', commit: head, head_commit: head, source: 'last_good' }).explanation).toMatch(/last known good/);
  });
});
