// The config core: text (+ where secrets come from) in → a validated Config, or every
// problem located. The service's load and validate phases, the console's gate before a
// commit, `hotconf validate` and the editor's Web Worker all run these functions, so a
// problem reads the same wherever it is found. Pure: no Node imports, no state (the
// reload hot path keeps its reusable chunks in incremental.ts and passes them in).
//
//   loadConfig      YAML → bounded value → secret references resolved   (phase `load`)
//   validateConfig  zod schema + cross-field rules                      (phase `validate`)
//   checkConfigText both, never throws                                  (plans, console, editor)
import type { ConfigIssue } from '../contract/config';
import { boundExpansion, checkTopLevel } from './bounds';
import { ConfigError, type ConfigErrorKind, byPosition, configError, issueAt } from './errors';
import { issuesFromZod } from './issues';
import { createLocator } from './locate';
import { readYaml } from './read-yaml';
import { configSchema, type Config } from './schema';
import { templateWarnings } from './template-warnings';
import { readTemplateFiles, templateIssues, type TemplateFile, type TemplateSource } from './templates';
import { collectSecretValues, resolveSecretRefs, scrubSecrets, type SecretSource } from './secrets';

export { ConfigError, type ConfigErrorKind } from './errors';
export { presentSecrets, type SecretSource } from './secrets';
export type { TemplateFile, TemplateSource } from './templates';

export interface LoadedConfig {
  /** The file's text. */
  text: string;
  /** YAML parsed, bounded, secret references resolved; NOT yet validated. */
  resolved: unknown;
  /** The files `templates:` names, read and parsed (none without a TemplateSource). */
  templateFiles: TemplateFile[];
  /** Located; what loads but deserves a word (a second YAML document, ignored). */
  warnings: ConfigIssue[];
}

export interface LoadOptions {
  secrets: SecretSource;
  /** Where `templates:` files are read from; without one they are not read (the browser
   *  has no file system: the service's plan reads them). */
  templates?: TemplateSource;
  /** The text's YAML value when the caller parsed it already (incremental.ts), and which of
   *  its parts are newly parsed (the rest was bounded when it was first parsed). */
  parsed?: { value: unknown; fresh: readonly { path: (string | number)[]; value: unknown }[] };
}

/** Phase `load`. Throws ConfigError('load_failed') with every issue located. */
export function loadConfig(text: string, { secrets, templates, parsed }: LoadOptions): LoadedConfig {
  // A text the incremental checker could cut into sections is one document: no warnings.
  const { value: raw, warnings } = parsed ? { value: parsed.value, warnings: [] } : readYaml(text);
  checkTopLevel(raw, text);
  if (parsed) for (const chunk of parsed.fresh) boundExpansion(chunk.value, text, chunk.path);
  else boundExpansion(raw, text);
  // No `${` anywhere means no references: skip the walk on the hot path.
  const resolved = text.includes('${') ? resolveOrThrow(raw, secrets, text) : raw;
  return { text, resolved, templateFiles: templates ? readTemplates(raw, templates, text) : [], warnings };
}

function readTemplates(raw: Record<string, unknown>, source: TemplateSource, text: string): TemplateFile[] {
  const globs = Array.isArray(raw.templates) ? raw.templates : [];
  if (globs.length === 0) return [];
  const { files, issues } = readTemplateFiles(globs, source, () => createLocator(text));
  if (issues.length > 0) throw configError('load_failed', 'the template files of config.yaml do not load', issues);
  return files;
}

function resolveOrThrow(raw: unknown, secrets: SecretSource, text: string): unknown {
  const { resolved, errors } = resolveSecretRefs(raw, secrets);
  if (errors.length === 0) return resolved;
  const locate = createLocator(text);
  const issues = errors.map((e) => issueAt(locate(e.path), e.path.join('.'), e.code, e.message)).sort(byPosition);
  throw configError('load_failed', 'could not resolve secret references in config.yaml', issues);
}

/** Phase `validate`: the schema with its cross-field rules, and the template files. Throws
 *  ConfigError('validation_failed') with every issue located; a valid config's field
 *  templates that do not parse are added to `loaded.warnings` (template-warnings.ts). */
export function validateConfig(loaded: LoadedConfig): Config {
  const result = configSchema.safeParse(loaded.resolved);
  const templates = templateIssues(loaded.templateFiles, () => createLocator(loaded.text));
  if (result.success && templates.length === 0) {
    addTemplateWarnings(loaded, result.data);
    return result.data;
  }
  const secretValues = collectSecretValues(loaded.resolved);
  const schemaIssues = result.success ? [] : issuesFromZod(result.error, loaded.text, loaded.resolved);
  const issues = [...schemaIssues, ...templates].sort(byPosition).map((issue) => ({ ...issue, message: scrubSecrets(issue.message, secretValues) }));
  throw configError('validation_failed', 'config.yaml is not a valid hotconf config', issues);
}

const warned = new WeakSet<LoadedConfig>();

/** Adds the field templates of `config` that do not parse to `loaded.warnings`, once per
 *  load (both validations, full and incremental, end here). */
export function addTemplateWarnings(loaded: LoadedConfig, config: Config): void {
  if (warned.has(loaded)) return;
  warned.add(loaded);
  const found = templateWarnings(config.receivers, loaded.text);
  if (found.length === 0) return;
  loaded.warnings.push(...found);
  loaded.warnings.sort(byPosition);
}

/** The template files' problems alone (the incremental checker's fast path validates the
 *  schema itself). Throws like validateConfig. */
export function validateTemplateFiles(loaded: LoadedConfig): void {
  const issues = templateIssues(loaded.templateFiles, () => createLocator(loaded.text));
  if (issues.length > 0) throw configError('validation_failed', 'config.yaml is not a valid hotconf config', issues);
}

export type CheckResult =
  | { ok: true; config: Config; loaded: LoadedConfig }
  | { ok: false; kind: ConfigErrorKind; issues: ConfigIssue[] };

/** What a checker runs; incremental.ts supplies a faster one with the same answers. */
export interface ConfigChecker {
  load(text: string, secrets: SecretSource, templates?: TemplateSource): LoadedConfig;
  validate(loaded: LoadedConfig): Config;
}

const fullChecker: ConfigChecker = {
  load: (text, secrets, templates) => loadConfig(text, templates ? { secrets, templates } : { secrets }),
  validate: validateConfig,
};

/** load + validate; never throws. */
export function checkConfigText(text: string, secrets: SecretSource, opts: { checker?: ConfigChecker; templates?: TemplateSource } = {}): CheckResult {
  const checker = opts.checker ?? fullChecker;
  try {
    const loaded = checker.load(text, secrets, opts.templates);
    return { ok: true, config: checker.validate(loaded), loaded };
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, kind: err.kind, issues: err.issues };
    // A bug here must still reach the operator as a result, not as a crashed request.
    const message = `unexpected error while checking the config: ${(err as Error).message ?? String(err)}`;
    return { ok: false, kind: 'load_failed', issues: [issueAt(null, '', 'internal_error', message)] };
  }
}
