// Issue 11, acceptance 5 (confinement): the files a config names stay inside the folders the
// service was given. Against a real `hotconf serve`: database.path outside the data dir (plain,
// `../`, through a symlink, a dangling link), a folder that does not exist, an existing empty
// or non-SQLite file, `${file:}` outside the secrets dirs, a template glob outside the template
// dirs, and config.yaml replaced by a symlink (SIGHUP). Each is refused with an error that says
// where (path, line, column) and which folder and flag would allow it, creates nothing on disk,
// and leaves the running config in force. A config.yaml committed as a symlink is refused by
// the console's git reads.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openConfigRepo } from '../../server/git/repo';
import { RepoStateError } from '../../server/git/errors';
import { type ServiceProcess, freePort, liveReceivers, sampleConfig, serviceProcess } from '../support/service-process';

/** Every path under `dir` (files, folders, links), relative, sorted: what "nothing created" compares. */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      out.push(relative(dir, path));
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return out.sort();
}

/** The data dir without the service's own bookkeeping files, which change on every reload. */
function dataTree(svc: ServiceProcess): string[] {
  return tree(svc.dataDir).filter((p) => !/^(hotconf|engine|alerts)\.db(-wal|-shm)?$/.test(p));
}

const withDatabase = (port: number, path: string, extra = '') => sampleConfig({ port, receivers: ['default', 'changed'], extra }).replace('  path: alerts.db', `  path: ${path}`);

/** The line and column where `needle` starts in `text` (1-based), as issues report them. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe('confinement of the files a config names (real service)', () => {
  let svc: ServiceProcess;
  let port: number;
  let outside: string;
  let good: string;

  beforeAll(async () => {
    port = await freePort();
    good = sampleConfig({ port });
    svc = await serviceProcess({ config: good });
    await svc.start();
    outside = mkdtempSync(join(tmpdir(), 'hotconf-outside-'));
  }, 30_000);

  afterAll(async () => {
    await svc.stop();
    svc.cleanup();
    rmSync(outside, { recursive: true, force: true });
  });

  afterEach(() => svc.writeConfig(good));

  /** Reloads `text`; expects it refused and everything as it was. Returns the record. */
  async function refused(text: string, status: string): Promise<any> {
    const before = { data: dataTree(svc), outside: tree(outside), dir: tree(svc.dir).filter((p) => !p.startsWith('data')) };
    const version = (await svc.status()).version;
    svc.writeConfig(text);
    const { body } = await svc.reload();
    const record = body.error?.details?.record ?? body;
    expect(record.status).toBe(status);
    // Nothing created or removed anywhere, and the running config is the one before.
    expect({ data: dataTree(svc), outside: tree(outside), dir: tree(svc.dir).filter((p) => !p.startsWith('data')) }).toEqual(before);
    expect((await svc.status()).version).toBe(version);
    expect(await liveReceivers(svc, port)).toEqual(['default']);
    return record;
  }

  function expectLocated(record: any, text: string, path: string, value: string, message: RegExp): void {
    expect(record.issues).toEqual([expect.objectContaining({ path, ...positionOf(text, value), message: expect.stringMatching(message) })]);
  }

  it('database.path outside the data dir (absolute, and through ../) is refused at its line, naming the data dir and --data-dir', async () => {
    for (const path of [join(outside, 'alerts.db'), join(outside, 'new-folder', 'alerts.db'), '../escaped.db', 'history/../../escaped.db']) {
      const text = withDatabase(port, path);
      const record = await refused(text, 'validation_failed');
      expectLocated(record, text, 'database.path', path, new RegExp(`leads outside the data dir \\(${svc.dataDir}\\).*--data-dir`));
    }
  });

  it('a symlink inside the data dir cannot lead the database out of it, dangling or not', async () => {
    symlinkSync(outside, join(svc.dataDir, 'to-outside'));
    symlinkSync(join(outside, 'made-by-sqlite.db'), join(svc.dataDir, 'dangling.db'));
    try {
      for (const path of ['to-outside/alerts.db', 'dangling.db']) {
        const text = withDatabase(port, path);
        const record = await refused(text, 'validation_failed');
        expectLocated(record, text, 'database.path', path, /leads through a symbolic link outside the data dir/);
      }
    } finally {
      unlinkSync(join(svc.dataDir, 'to-outside'));
      unlinkSync(join(svc.dataDir, 'dangling.db'));
    }
  });

  it('refuses a database folder that does not exist: no folder is created', async () => {
    const record = await refused(withDatabase(port, 'not-yet/alerts.db'), 'apply_failed');
    expect(record.error).toMatch(/database\.path .*not-yet\/alerts\.db: its folder .* does not exist, and hotconf creates no folders/);
  });

  it.each([
    ['an empty file', ''],
    ['a file that is not SQLite', 'someone: else\'s notes\n'],
  ])('refuses %s at database.path and leaves its bytes alone', async (_what, content) => {
    const file = join(svc.dataDir, 'existing.db');
    writeFileSync(file, content);
    try {
      const record = await refused(withDatabase(port, 'existing.db'), 'apply_failed');
      expect(record.error).toMatch(content === '' ? /exists and is empty, not an SQLite database; hotconf does not convert files/ : /exists and is not an SQLite database; hotconf does not overwrite files/);
      expect(readFileSync(file, 'utf8')).toBe(content);
    } finally {
      unlinkSync(file);
    }
  });

  it('a ${file:} outside the secrets dirs is refused at its line, in the same words whether the file exists or not', async () => {
    const messages: string[] = [];
    for (const path of ['/etc/hostname', '/etc/no-such-file-here']) {
      const ref = `\${file:${path}}`;
      const text = sampleConfig({ port, receivers: ['default', 'changed'], extra: `webhook:\n  authentication: { type: api_key, api_key: "${ref}" }\n` });
      const record = await refused(text, 'load_failed');
      expectLocated(record, text, 'webhook.authentication.api_key', `"${ref}"`, new RegExp(`leads outside the secrets dirs \\(${svc.dataDir}\\).*--secrets-dir DIR`));
      messages.push(record.issues[0].message.replaceAll(path, 'PATH'));
    }
    expect(messages[0]).toBe(messages[1]);
    expect(messages[0]).not.toMatch(/exist|ENOENT|permission/i);
  });

  it("an Alertmanager *_file field (read at send time) outside the secrets dirs is refused at its line", async () => {
    for (const file of ['/etc/hostname', '../outside-secret']) {
      const text = sampleConfig({ port, receivers: ['default', 'changed'] }).replace(
        '      - url: http://127.0.0.1:9/changed',
        `      - url: http://127.0.0.1:9/changed\n        http_config: { basic_auth: { username: u, password_file: '${file}' } }`,
      );
      const record = await refused(text, 'validation_failed');
      expectLocated(record, text, 'receivers.1.webhook_configs.0.http_config.basic_auth.password_file', `'${file}'`, /leads outside the secrets dirs .*--secrets-dir DIR/);
    }
  });

  it('a template glob outside the template dirs is refused at its entry, before anything is listed', async () => {
    mkdirSync(join(outside, 'tmpl'));
    writeFileSync(join(outside, 'tmpl', 'x.tmpl'), '{{ define "x" }}outside{{ end }}');
    symlinkSync(join(outside, 'tmpl'), join(svc.dir, 'linked-templates'));
    try {
      for (const glob of ['/etc/*.conf', `${outside}/tmpl/*.tmpl`, '../*/tmpl/*.tmpl', 'linked-templates/*.tmpl']) {
        const text = sampleConfig({ port, receivers: ['default', 'changed'], extra: `templates:\n  - '${glob}'\n` });
        const record = await refused(text, 'load_failed');
        const how = glob.startsWith('linked') ? /leads through a symbolic link outside the template dirs/ : /leads outside the template dirs/;
        expectLocated(record, text, 'templates.0', `'${glob}'`, how);
        expect(record.issues[0].message).toMatch(/--templates-dir DIR/);
        expect(record.issues[0].message).not.toContain('outside{{');
      }
    } finally {
      unlinkSync(join(svc.dir, 'linked-templates'));
    }
  });

  it('config.yaml replaced by a symlink: SIGHUP is load_failed without a word of the target, and the running config stays', async () => {
    const target = join(outside, 'target.yaml');
    writeFileSync(target, 'planted_line_one: 1\nplanted_line_two: 2\n');
    const version = (await svc.status()).version;
    const lastId = (await svc.history(1))[0].id;
    unlinkSync(svc.configPath);
    symlinkSync(target, svc.configPath);
    try {
      svc.signal('SIGHUP');
      const record = await svc.waitForRecord(lastId);
      expect(record).toMatchObject({ trigger: 'sighup', status: 'load_failed' });
      expect(record.error).toMatch(/config file .*config\.yaml is a symbolic link: hotconf reads only a regular file there/);
      const everything = JSON.stringify(await svc.history(50)) + svc.logs.join('') + JSON.stringify(await svc.status());
      for (const leak of ['planted_line', target, 'target.yaml']) expect(everything).not.toContain(leak);
      expect((await svc.status()).version).toBe(version);
      expect(await liveReceivers(svc, port)).toEqual(['default']);
    } finally {
      unlinkSync(svc.configPath);
    }
  });

  it('the plan refuses the same paths, located, without the admin-only detail', async () => {
    const text = withDatabase(port, join(outside, 'alerts.db'));
    const before = tree(outside);
    const plan = await (await svc.admin('/api/v2/config/plan', { method: 'POST', body: text })).json();
    expect(plan.valid).toBe(false);
    expect(plan.errors).toEqual([expect.objectContaining({ path: 'database.path', ...positionOf(text, join(outside, 'alerts.db')), code: 'path_outside_roots' })]);
    expect(tree(outside)).toEqual(before);
  });
});

describe('--secrets-dir and --templates-dir allow more folders (real service)', () => {
  it('a secret and a template in the allowed folders load; the data dir then no longer holds secrets', async () => {
    const port = await freePort();
    const secrets = mkdtempSync(join(tmpdir(), 'hotconf-secrets-'));
    const templates = mkdtempSync(join(tmpdir(), 'hotconf-templates-'));
    writeFileSync(join(secrets, 'key'), 'an-ingest-key\n');
    writeFileSync(join(templates, 'team.tmpl'), '{{ define "team" }}team{{ end }}');
    const extra = `webhook:\n  authentication: { type: api_key, api_key: "\${file:${join(secrets, 'key')}}" }\ntemplates:\n  - '${templates}/*.tmpl'\n`;
    const svc = await serviceProcess({ config: sampleConfig({ port, extra }), env: { HOTCONF_SECRETS_DIR: `${secrets}`, HOTCONF_TEMPLATES_DIR: templates } });
    try {
      await svc.start();
      expect(await svc.status()).toMatchObject({ status: 'success' });
      // A secret in the data dir is not allowed once --secrets-dir names other folders.
      writeFileSync(join(svc.dataDir, 'key'), 'another-key\n');
      svc.writeConfig(sampleConfig({ port, extra: extra.replace(join(secrets, 'key'), join(svc.dataDir, 'key')) }));
      const { status, body } = await svc.reload();
      expect(status).toBe(422);
      expect(body.error.details.record.issues[0].message).toMatch(new RegExp(`leads outside the secrets dirs \\(${secrets}\\)`));
    } finally {
      await svc.stop();
      svc.cleanup();
      rmSync(secrets, { recursive: true, force: true });
      rmSync(templates, { recursive: true, force: true });
    }
  });
});

describe('config.yaml committed as a symlink (the console read path, real git)', () => {
  it('HEAD, a commit, its diff view, a restore of it and the work tree file are refused without the target; a restore puts a file back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotconf-repo-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' }).trim();
    try {
      git('init', '-q', '-b', 'main');
      writeFileSync(join(dir, 'config.yaml'), 'route: { receiver: a }\nreceivers: [{ name: a }]\n');
      git('add', 'config.yaml');
      git('commit', '-q', '-m', 'a regular file');
      const regular = git('rev-parse', 'HEAD');
      unlinkSync(join(dir, 'config.yaml'));
      symlinkSync('/etc/passwd', join(dir, 'config.yaml'));
      git('add', 'config.yaml');
      git('commit', '-q', '-m', 'a symlink');
      const linked = git('rev-parse', 'HEAD');

      const repo = await openConfigRepo({ dir });
      for (const read of [() => repo.head(), () => repo.readAt(linked.slice(0, 7)), () => repo.show(linked), () => repo.restore(linked, { name: 't', email: 't@t' })]) {
        const err = await read().then(() => null, (e: unknown) => e);
        expect(err).toBeInstanceOf(RepoStateError);
        expect((err as RepoStateError).code).toBe('config_symlink');
        expect((err as Error).message).toMatch(/config\.yaml at commit [0-9a-f]{7} is a symbolic link, not a file/);
        expect((err as Error).message).not.toContain('/etc/passwd');
      }
      // The work tree's link is never followed by the console's reads either.
      expect(await repo.readOnDisk()).toBeNull();
      // The earlier commit still reads; restoring it commits a regular file again.
      expect((await repo.readAt(regular)).content).toContain('receiver: a');
      const restored = await repo.restore(regular, { name: 't', email: 't@t' });
      expect(git('ls-tree', restored.commit, '--', 'config.yaml')).toMatch(/^100644 blob /);
      expect(statSync(join(dir, 'config.yaml')).isFile()).toBe(true);
      expect((await repo.head()).content).toContain('receiver: a');
      expect(await repo.readOnDisk()).toContain('receiver: a');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
