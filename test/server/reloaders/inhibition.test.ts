import { describe, expect, it } from 'vitest';
import { InhibitionReloader } from '../../../server/reloaders/inhibition';
import { ctx, makeConfig } from './helpers';

describe('InhibitionReloader', () => {
  it('swaps the rule set; first-start rollback leaves none live', async () => {
    const inhibition = new InhibitionReloader();
    const rules = [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'] }];
    await inhibition.activate(await inhibition.prepare(makeConfig({ inhibit_rules: rules }), ctx()), ctx());
    await inhibition.health(ctx());
    expect(inhibition.current!.isInhibited({ severity: 'warning' }, [{ severity: 'critical' }])).toBe(true);
    await inhibition.rollback(ctx());
    expect(inhibition.current).toBeNull();
  });
});
