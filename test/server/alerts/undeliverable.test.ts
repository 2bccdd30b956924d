// Receivers hotconf cannot deliver to yet are named before an alert needs them: in the plan
// of a config that has them, and in the status of a service running one.
import { afterEach, describe, expect, it } from 'vitest';
import { undeliverableReceivers } from '../../../server/alerts/undeliverable';
import type { Receiver } from '../../../server/config/schema';
import { type ServiceProcess, freePort, sampleConfig, serviceProcess } from '../../support/service-process';

const SNS_RECEIVER = ['  - name: aws', '    sns_configs:', '      - topic_arn: arn:aws:sns:eu-west-1:1:alerts', '        sigv4: { region: eu-west-1 }', ''].join('\n');

describe('undeliverableReceivers', () => {
  it('names each receiver holding SNS or WeChat configs, with its place, and no other', () => {
    const receivers = [
      { name: 'hooks', webhook_configs: [{ url: 'http://127.0.0.1:9/' }] },
      { name: 'both', sns_configs: [{ topic_arn: 'arn:aws:sns:eu-west-1:1:t' }], wechat_configs: [{ corp_id: 'c' }] },
      { name: 'empty-list', wechat_configs: [] },
    ] as unknown as Receiver[];
    expect(undeliverableReceivers(receivers)).toEqual([
      'receiver "both" (receivers.1) has SNS and WeChat configs, which hotconf cannot deliver to yet: every notification to them is recorded as failed',
    ]);
    expect(undeliverableReceivers(undefined)).toEqual([]);
  });
});

describe('a service whose config has an SNS receiver', () => {
  let svc: ServiceProcess | undefined;
  afterEach(async () => {
    await svc?.stop();
    svc?.cleanup();
    svc = undefined;
  });

  it('says so in the plan of that config and in its status once it runs it', async () => {
    const port = await freePort();
    svc = await serviceProcess({ config: sampleConfig({ port }) });
    await svc.start();
    const withSns = sampleConfig({ port, extra: SNS_RECEIVER });
    const expected = expect.stringContaining('receiver "aws" (receivers.1) has SNS configs, which hotconf cannot deliver to yet');

    const plan = await (await svc.admin('/api/v2/config/plan', { method: 'POST', body: withSns, headers: { 'content-type': 'text/yaml' } })).json();
    expect(plan.valid).toBe(true);
    expect(plan.warnings).toEqual([expected]);
    expect((await svc.status()).warnings ?? []).toEqual([]);

    svc.writeConfig(withSns);
    expect((await svc.reload()).body.status).toBe('success');
    expect((await svc.status()).warnings).toEqual([expected]);
  });
});
