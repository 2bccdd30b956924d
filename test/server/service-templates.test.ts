// Template files are part of the config (issue 8): a change to one alone is a change the
// plan shows and that reloads `receivers` (and nothing else); a syntax error in one is a
// located validation error, and the running config stays. A real `hotconf serve`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServiceProcess, freePort, sampleConfig, serviceProcess } from '../support/service-process';

let svc: ServiceProcess | undefined;
afterEach(async () => {
  await svc?.stop();
  svc?.cleanup();
  svc = undefined;
});

const TEMPLATE = '{{ define "team.title" }}[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}{{ end }}\n';

describe('template files', () => {
  it('a template edited alone shows in the plan and reloads receivers only; a broken one is refused with its file, line and column', async () => {
    const port = await freePort();
    const config = sampleConfig({ port, extra: 'templates: ["templates/*.tmpl"]\n' });
    svc = await serviceProcess({ config });
    mkdirSync(join(svc.dir, 'templates'));
    const template = join(svc.dir, 'templates', 'team.tmpl');
    writeFileSync(template, TEMPLATE);
    await svc.start();
    const first = await svc.status();
    expect(first.status).toBe('success');

    // The same config.yaml, a new template: the plan sees it.
    writeFileSync(template, TEMPLATE.replace('toUpper', 'toLower'));
    const planRes = await svc.admin('/api/v2/config/plan', { method: 'POST', body: config, headers: { 'content-type': 'text/yaml' } });
    const plan = (await planRes.json()) as { valid: boolean; changes: { path: string; op: string }[]; components: { name: string }[] };
    expect(plan.valid).toBe(true);
    expect(plan.changes).toEqual([{ path: 'templates:templates/team.tmpl', op: 'change' }]);
    expect(plan.components.map((c) => c.name)).toEqual(['receivers']);

    // …and a reload applies it, reloading receivers alone.
    const { status, body } = await svc.reload();
    expect(status).toBe(200);
    expect(body.status).toBe('success');
    expect(body.components.map((c: { name: string }) => c.name)).toEqual(['receivers']);
    expect(body.changes).toEqual([{ path: 'templates:templates/team.tmpl', op: 'change' }]);
    expect((await svc.status()).config_hash).not.toBe(first.config_hash);

    // Unchanged again: a no-op.
    expect((await svc.reload()).body.status).toBe('noop');

    // A syntax error: validation_failed, located, the running config kept.
    writeFileSync(template, '{{ define "team.title" }}\n{{ .Status | nosuchfunc }}{{ end }}\n');
    const broken = await svc.reload();
    expect(broken.status).toBe(422);
    const record = broken.body.error.details.record;
    expect(record.status).toBe('validation_failed');
    expect(record.issues).toEqual([
      expect.objectContaining({ path: 'templates.0', code: 'template_syntax', line: expect.any(Number), message: 'template file templates/team.tmpl, line 2, column 14: function "nosuchfunc" not defined' }),
    ]);
    expect((await svc.status()).version).toBe(2);
  });
});
