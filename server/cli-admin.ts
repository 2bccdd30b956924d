// `hotconf plan | reload | status`: thin clients of the admin API for the shell.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_TOKEN_FILE, adminTokenFrom, defaultServiceUrl } from './cli-defaults';
import type { ReloadRecord } from './contract/reload';
import type { Plan } from './contract/plan';
import { impactLines } from './contract/history';
import { fileIssueLine } from './config/errors';

export class AdminCli {
  private readonly values;
  private readonly positionals;

  constructor(argv: string[]) {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { service: { type: 'string' }, 'token-file': { type: 'string' }, 'expect-commit': { type: 'string' } },
    });
    this.values = parsed.values;
    this.positionals = parsed.positionals;
  }

  async run(command: 'plan' | 'reload' | 'status'): Promise<void> {
    if (command === 'status') return this.print(await this.call('GET', '/api/v2/config/status'));
    if (command === 'plan') return this.plan();
    return this.reload();
  }

  private async plan(): Promise<void> {
    const file = this.positionals[0];
    if (!file) throw new Error('usage: hotconf plan FILE [--service URL]');
    const plan = (await this.call('POST', '/api/v2/config/plan?detail=1', readFileSync(file, 'utf8'), 'text/yaml')) as Plan;
    process.stdout.write(`${plan.summary}\n`);
    for (const c of plan.changes) process.stdout.write(`  ${c.op.padEnd(6)} ${c.path}\n`);
    if (plan.impact) {
      for (const line of impactLines(plan.impact)) process.stdout.write(`${line}\n`);
      for (const s of plan.impact.samples) process.stdout.write(`  ${labelsText(s.labels)}: ${s.from.join(', ') || 'no receiver'} -> ${s.to.join(', ') || 'no receiver'}\n`);
    }
    for (const w of plan.warnings) process.stdout.write(`warning: ${w}\n`);
    for (const e of plan.errors) process.stderr.write(`${fileIssueLine(file, e)}\n`);
    if (!plan.valid) process.exitCode = 1;
  }

  private async reload(): Promise<void> {
    const expect = this.values['expect-commit'];
    const body = await this.call('POST', '/-/reload', expect ? JSON.stringify({ expect_commit: expect }) : '', 'application/json', true);
    const record = ((body as { error?: { details?: { record?: ReloadRecord } } }).error?.details?.record ?? body) as ReloadRecord;
    if (!record?.phases) return this.print(body);
    process.stdout.write(`reload ${record.id}: ${record.status} in ${record.duration_ms} ms (commit ${record.commit ?? 'none'}${record.dirty ? ', dirty' : ''})\n`);
    for (const p of record.phases) process.stdout.write(`  ${p.name.padEnd(9)} ${p.status.padEnd(8)} ${p.duration_ms} ms${p.error ? '  ' + p.error : ''}\n`);
    for (const i of record.issues ?? []) process.stderr.write(`  line ${i.line ?? '?'}, column ${i.column ?? '?'}: ${i.path}: ${i.message}\n`);
    if (record.status !== 'success' && record.status !== 'noop') process.exitCode = 1;
  }

  private async call(method: string, path: string, body?: string, contentType?: string, tolerateStatus = false): Promise<unknown> {
    const base = this.values.service ?? defaultServiceUrl();
    const headers: Record<string, string> = { authorization: `Bearer ${this.token()}` };
    if (contentType) headers['content-type'] = contentType;
    let res: Response;
    try {
      res = await fetch(new URL(path, base), { method, headers, ...(body !== undefined ? { body } : {}), signal: AbortSignal.timeout(60_000) });
    } catch (err) {
      throw new Error(`service unreachable at ${base} (${(err as Error).message}): is \`hotconf serve\` running? (--service URL or HOTCONF_SERVICE_URL)`);
    }
    const json = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (!res.ok && !(tolerateStatus && res.status !== 401 && res.status !== 403 && res.status !== 409)) {
      throw new Error(`${res.status}: ${json?.error?.message ?? res.statusText}`);
    }
    return json;
  }

  private token(): string {
    const token = adminTokenFrom({ tokenFile: this.values['token-file'], fallbackFile: DEFAULT_TOKEN_FILE });
    if (!token) throw new Error(`no admin token: set HOTCONF_ADMIN_TOKEN or pass --token-file (tried ${DEFAULT_TOKEN_FILE})`);
    return token;
  }

  private print(value: unknown): void {
    process.stdout.write(JSON.stringify(value, null, 2) + '\n');
  }
}

/** `{a="1", b="2"}`, as amtool prints a label set. */
function labelsText(labels: Record<string, string>): string {
  return `{${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ')}}`;
}
