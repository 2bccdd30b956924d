// `hotconf validate FILE...`: the config core's verdict on each file, as promtool and amtool
// give theirs — every file checked, exit 1 if any is invalid, 2 on a usage error.
//   --output text|json  text: FILE: valid, or FILE:LINE:COLUMN: path: message per problem;
//                       a warning (what loads but is ignored) is FILE:LINE:COLUMN: warning: …
//   --no-secrets        check that ${env:…}/${file:…} references are well-formed and in
//                       secret fields, without resolving them (CI without production secrets)
//   -                   read the config from standard input
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileIssueLine, fileWarningLine } from './config/errors';
import { checkConfigText, presentSecrets } from './config/load';
import type { ConfigIssue } from './contract/config';
import { processSecrets } from './reload/process-secrets';
import { templateFilesBeside } from './reload/template-files';

export interface FileVerdict {
  file: string;
  valid: boolean;
  issues: ConfigIssue[];
  /** What loads but deserves a word (a second YAML document, ignored as Alertmanager does). */
  warnings: ConfigIssue[];
}

export class ValidateUsageError extends Error {}

export function runValidate(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { output: { type: 'string', default: 'text' }, 'no-secrets': { type: 'boolean', default: false } },
  });
  if (values.output !== 'text' && values.output !== 'json') throw new ValidateUsageError(`--output must be text or json, not "${values.output}"`);
  if (positionals.length === 0) throw new ValidateUsageError('name at least one config file (or - for standard input)');
  const secrets = values['no-secrets'] ? presentSecrets : processSecrets;
  const verdicts = positionals.map((file) => verdictOf(file, secrets));
  if (values.output === 'json') process.stdout.write(`${JSON.stringify(verdicts, null, 2)}\n`);
  else for (const v of verdicts) writeText(v);
  return verdicts.every((v) => v.valid) ? 0 : 1;
}

function verdictOf(file: string, secrets: typeof processSecrets): FileVerdict {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return { file, valid: false, issues: [{ path: '', line: null, column: null, code: 'read_failed', message: `cannot read ${file === '-' ? 'standard input' : file} (${code})` }], warnings: [] };
  }
  const result = checkConfigText(text, secrets, { templates: templateFilesBeside(file === '-' ? join(process.cwd(), 'stdin.yaml') : file) });
  return result.ok ? { file, valid: true, issues: [], warnings: result.loaded.warnings } : { file, valid: false, issues: result.issues, warnings: [] };
}

function writeText(v: FileVerdict): void {
  const name = v.file === '-' ? '<stdin>' : v.file;
  for (const w of v.warnings) process.stderr.write(`${fileWarningLine(name, w)}\n`);
  if (v.valid) {
    process.stdout.write(`${name}: valid\n`);
    return;
  }
  for (const i of v.issues) process.stderr.write(`${fileIssueLine(name, i)}\n`);
}
