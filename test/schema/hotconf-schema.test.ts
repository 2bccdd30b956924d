// schema/hotconf.schema.json: generated from the one zod schema and committed, so editors
// and CI linters can use it without a running service. The committed file must be what the
// code generates now, the sample config must name it, and an editor reading it
// (yaml-language-server, what VS Code's YAML extension runs) must flag the same problems at
// the same places as `hotconf validate` for unknown keys, wrong types and missing fields.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaFileText } from '@/server/config/schema';
import { SCHEMA_FILE, SCHEMA_MODELINE } from '@/server/config/schema-file';
import { YamlLanguageServer } from '../support/yaml-language-server';

const ROOT = join(__dirname, '../..');
const SCHEMA = join(ROOT, SCHEMA_FILE);
const CLI = join(ROOT, 'dist/cli.js');

describe('schema/hotconf.schema.json', () => {
  it('is exactly what the code generates (run `npm run schema` after changing the schema)', () => {
    const committed = readFileSync(SCHEMA, 'utf8');
    expect(committed === schemaFileText(), 'schema/hotconf.schema.json is stale: run `npm run schema` and commit the result').toBe(true);
  });

  it('is what `hotconf schema` prints', () => {
    const r = spawnSync(process.execPath, [CLI, 'schema'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(SCHEMA, 'utf8'));
  });

  it('is named by the sample config\'s first line, by a path that leads to it', () => {
    const samplePath = join(ROOT, 'server/config/sample-config.yaml');
    const sample = readFileSync(samplePath, 'utf8');
    const m = SCHEMA_MODELINE.exec(sample.split('\n')[0]!);
    expect(m, 'the first line must be # yaml-language-server: $schema=…').not.toBeNull();
    expect(resolve(dirname(samplePath), m![1]!)).toBe(SCHEMA);
  });
});

describe('yaml-language-server with the schema, against hotconf validate', () => {
  let server: YamlLanguageServer;
  const dir = mkdtempSync(join(tmpdir(), 'hotconf-yls-'));
  beforeAll(async () => {
    server = new YamlLanguageServer();
    await server.initialize();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const VALID = ['route:', '  receiver: default', '  group_by: [alertname]', 'receivers:', '  - name: default', "    webhook_configs: [{ url: 'http://127.0.0.1:9/hook' }]"];
  const cases: { name: string; lines: string[]; expectLine: number }[] = [
    { name: 'an unknown key', lines: ['route:', '  receiver: default', '  grup_by: [alertname]', 'receivers:', '  - name: default'], expectLine: 4 },
    { name: 'a wrong type (a string where a list belongs)', lines: ['route:', '  receiver: default', '  group_by: alertname', 'receivers:', '  - name: default'], expectLine: 4 },
    { name: 'a wrong type (a mapping where a duration belongs)', lines: ['route:', '  receiver: default', '  group_wait: { seconds: 30 }', 'receivers:', '  - name: default'], expectLine: 4 },
    { name: 'a wrong type (a quoted string where a boolean belongs)', lines: [...VALID.slice(0, 5), "    webhook_configs: [{ url: 'http://127.0.0.1:9/hook', send_resolved: 'yes' }]"], expectLine: 7 },
    { name: 'a missing field (a receiver without a name)', lines: ['route:', '  receiver: default', 'receivers:', '  - name: default', "  - webhook_configs: [{ url: 'http://127.0.0.1:9/hook' }]"], expectLine: 6 },
  ];

  for (const c of cases) {
    it(`both flag ${c.name} on line ${c.expectLine}`, async () => {
      const text = [`# yaml-language-server: $schema=${SCHEMA}`, ...c.lines, ''].join('\n');
      const file = join(dir, `${c.name.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, text);
      const editor = (await server.diagnose(file, text)).map((d) => d.range.start.line + 1);
      const validate = hotconfValidate(file).map((i) => i.line);
      expect(validate).toEqual([c.expectLine]);
      expect(editor).toEqual(validate);
    });
  }

  it('both pass a valid config', async () => {
    const text = [`# yaml-language-server: $schema=${SCHEMA}`, ...VALID, ''].join('\n');
    const file = join(dir, 'valid.yaml');
    writeFileSync(file, text);
    expect(await server.diagnose(file, text)).toEqual([]);
    expect(hotconfValidate(file)).toEqual([]);
  });

  it('both pass the sample config (as `hotconf up` writes it, naming the schema by its absolute path)', async () => {
    const text = readFileSync(join(ROOT, 'server/config/sample-config.yaml'), 'utf8').replace(SCHEMA_MODELINE, `# yaml-language-server: $schema=${SCHEMA}`);
    const file = join(dir, 'config.yaml');
    writeFileSync(file, text);
    expect(await server.diagnose(file, text)).toEqual([]);
    expect(hotconfValidate(file)).toEqual([]);
  });
});

function hotconfValidate(file: string): { line: number; message: string }[] {
  const r = spawnSync(process.execPath, [CLI, 'validate', '--no-secrets', '--output', 'json', file], { encoding: 'utf8' });
  return (JSON.parse(r.stdout) as { issues: { line: number; message: string }[] }[])[0]!.issues;
}
