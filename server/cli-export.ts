// `hotconf export --alertmanager FILE`: the file as Alertmanager reads it, so that
// `amtool check-config` accepts it and an Alertmanager can run it. What only hotconf
// understands is taken out, and each change is said on standard error:
//   - hotconf's own sections (server, log, database, webhook);
//   - `timeout` on webhook_configs (Alertmanager has none);
//   - ${file:/path} references become Alertmanager's X_file fields where it has one;
//     other references are refused, unless --resolve-secrets writes their values in
//     (the output then holds secrets: it is written with mode 0600 when -o names a file).
// Comments and layout are kept (the `yaml` package edits the document in place).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { fileIssueLine, fileWarningLine } from './config/errors';
import { checkConfigText, presentSecrets } from './config/load';
import { isSecretPath, readSecretRef, scanSecretRefs } from './config/secrets';
import { processSecrets } from './reload/process-secrets';
import { templateFilesBeside } from './reload/template-files';

export class ExportUsageError extends Error {}

const HOTCONF_SECTIONS = ['server', 'log', 'database', 'webhook'];

/** Secret fields for which Alertmanager reads the value from a file itself. */
function fileSibling(path: readonly (string | number)[]): string | null {
  const field = String(path.at(-1));
  if (['password', 'credentials', 'bearer_token', 'client_secret'].includes(field)) return `${field}_file`;
  if (path[0] === 'global' && ['slack_api_url', 'opsgenie_api_key', 'victorops_api_key', 'smtp_auth_password'].includes(field)) return `${field}_file`;
  const kind = String(path.at(-3));
  const withFile: Record<string, string[]> = {
    slack_configs: ['api_url'],
    pagerduty_configs: ['routing_key', 'service_key'],
    opsgenie_configs: ['api_key'],
    victorops_configs: ['api_key'],
    email_configs: ['auth_password'],
    msteams_configs: ['webhook_url'],
  };
  return withFile[kind]?.includes(field) ? `${field}_file` : null;
}

export function runExport(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { alertmanager: { type: 'boolean', default: false }, 'resolve-secrets': { type: 'boolean', default: false }, output: { type: 'string', short: 'o' } },
  });
  if (!values.alertmanager) throw new ExportUsageError('say what to export to: hotconf export --alertmanager FILE [-o OUT] [--resolve-secrets]');
  if (positionals.length !== 1) throw new ExportUsageError('name one config file: hotconf export --alertmanager FILE');
  const file = positionals[0]!;
  const text = readFileSync(file, 'utf8');
  const checked = checkConfigText(text, presentSecrets, { templates: templateFilesBeside(file) });
  if (!checked.ok) {
    for (const i of checked.issues) process.stderr.write(`${fileIssueLine(file, i)}\n`);
    process.stderr.write('hotconf export: the config is not valid; nothing was written\n');
    return 1;
  }
  const notes: string[] = [];
  const refused: string[] = [];
  // The first document only, as the check read it (and Alertmanager would): what follows a
  // `---` is not exported, nor parsed here, and the warning below says so.
  const ignoredFrom = checked.loaded.warnings.find((w) => w.code === 'later_document_ignored')?.line;
  const firstText = ignoredFrom ? text.split('\n').slice(0, ignoredFrom - 1).join('\n') + '\n' : text;
  // All documents: a text may still end with an empty one (a trailing `---`).
  const docs = parseAllDocuments(firstText, { keepSourceTokens: false });
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (!doc) throw new Error('the checked config has no YAML document');
  for (const w of checked.loaded.warnings) process.stderr.write(`${fileWarningLine(file, w)}\n`);
  dropHotconfParts(doc, notes);
  rewriteSecretRefs(doc, values['resolve-secrets'], notes, refused);
  if (refused.length > 0) {
    process.stderr.write(`hotconf export: Alertmanager cannot read these secret references, and --resolve-secrets was not given:\n${refused.map((r) => `  ${r}`).join('\n')}\nnothing was written\n`);
    return 1;
  }
  if (checked.config.receivers.some((r) => (r.msteams_configs ?? []).length > 0)) notes.push('msteams_configs needs Alertmanager 0.26 or later');
  const out = doc.toString();
  if (values.output) writeFileSync(values.output, out, { mode: values['resolve-secrets'] ? 0o600 : 0o644 });
  else process.stdout.write(out);
  for (const note of notes) process.stderr.write(`note: ${note}\n`);
  return 0;
}

function dropHotconfParts(doc: Document, notes: string[]): void {
  for (const section of HOTCONF_SECTIONS) {
    if (doc.has(section)) {
      doc.delete(section);
      notes.push(`dropped hotconf's ${section} section`);
    }
  }
  const receivers = doc.get('receivers');
  if (!isSeq(receivers)) return;
  receivers.items.forEach((r, i) => {
    const hooks = isMap(r) ? r.get('webhook_configs') : null;
    if (!isSeq(hooks)) return;
    hooks.items.forEach((h, j) => {
      if (isMap(h) && h.has('timeout')) {
        h.delete('timeout');
        notes.push(`dropped receivers.${i}.webhook_configs.${j}.timeout (hotconf's; Alertmanager times out after its own default)`);
      }
    });
  });
}

function rewriteSecretRefs(doc: Document, resolve: boolean | undefined, notes: string[], refused: string[]): void {
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (isMap(node)) {
      for (const pair of [...node.items]) {
        const key = isScalar(pair.key) ? String(pair.key.value) : null;
        if (key === null) continue;
        const value = pair.value as Node | null;
        if (isScalar(value) && typeof value.value === 'string' && value.value.includes('${') && isSecretPath([...path, key])) {
          rewriteOne(node, key, value.value, [...path, key], resolve, notes, refused);
        } else visit(value, [...path, key]);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => visit(item, [...path, i]));
  };
  visit(doc.contents, []);
}

function rewriteOne(map: import('yaml').YAMLMap, key: string, text: string, path: (string | number)[], resolve: boolean | undefined, notes: string[], refused: string[]): void {
  const where = path.join('.');
  const [ref] = scanSecretRefs(text);
  const sibling = fileSibling(path);
  if (ref?.kind === 'file' && ref.text === text && sibling && !map.has(sibling)) {
    map.delete(key);
    map.set(sibling, ref.path);
    notes.push(`${where}: ${text} written as ${sibling} (Alertmanager reads the file itself)`);
    return;
  }
  if (!resolve) {
    refused.push(`${where}: ${ref?.text ?? 'a reference'}${sibling ? '' : ' (this field has no _file form in Alertmanager)'}`);
    return;
  }
  const value = ref && ref.text === text ? readSecretRef(ref, processSecrets) : null;
  if (!value?.ok) {
    refused.push(`${where}: ${value ? value.message : 'not a whole-value reference'}`);
    return;
  }
  map.set(key, value.value);
  notes.push(`${where}: the value of ${ref!.text} written in`);
}
