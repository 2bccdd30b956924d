// Field kinds of Alertmanager's config as its Go loader (yaml.v2, strict) reads them, so an
// operator's alertmanager.yml is judged here as `amtool check-config` judges it:
// - a string field takes any scalar as written (`test: 2` is the string "2"), and null is "";
// - a boolean takes YAML 1.1's words too (`yes`, `off`), since yaml.v2 reads YAML 1.1;
// - null in a list, mapping or optional section means "not set".
// Messages never quote a value: any field may hold a secret.
import { z } from 'zod';
import { parseDuration, parseGoDuration } from '../duration';
import { MatcherError, compileAnchored, isLabelName, parseMatchers } from '../matchers';

/** A string as yaml.v2 reads one into a Go string: scalars as text, null as "". */
export const str = () =>
  z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? '' : typeof v === 'string' ? v : String(v)));

const TRUE_WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']);
const FALSE_WORDS = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE']);

/** The schemas made by secret(): secrets.ts finds the secret fields' paths by walking the
 *  schema for these, so there is no second, hand-written list to forget a field in. */
const SECRET_FIELDS = new WeakSet<object>();

export function isSecretField(schema: object): boolean {
  return SECRET_FIELDS.has(schema);
}

/**
 * A secret-bearing string. In the file it may be a literal or a reference `${env:NAME}` /
 * `${file:/path}`; references are resolved by the load phase before validation, so the
 * schema sees the resolved value. Secret values never appear in errors, API responses,
 * events or diffs (secrets.ts). Empty means unset, as in Alertmanager.
 */
export function secret(description: string) {
  const field = str().describe(`${description} Secret: may be written as \${env:NAME} or \${file:/path}; never shown back.`);
  SECRET_FIELDS.add(field);
  return field;
}

/** A secret that must be an http(s) URL (Alertmanager's SecretURL). */
export function secretUrl(description: string) {
  const field = str()
    .superRefine((v, ctx) => {
      const problem = checkHttpUrl(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { rule: 'url' } });
    })
    .describe(`${description} Secret: may be written as \${env:NAME} or \${file:/path}; never shown back.`);
  SECRET_FIELDS.add(field);
  return field;
}

/** The string fields whose value is a Go template (a notifier's title, text, …): the
 *  validate phase parses each one, so a broken `{{` is found before a notification fails. */
const TEMPLATE_FIELDS = new WeakSet<object>();

export function isTemplateField(schema: object): boolean {
  return TEMPLATE_FIELDS.has(schema);
}

/** A notifier field rendered with Go's text/template at notification time. */
export function tmpl(description: string) {
  const field = str().describe(`${description} A Go template: {{ … }} is rendered for each notification.`);
  TEMPLATE_FIELDS.add(field);
  return field;
}

/** A boolean as yaml.v2 reads one: true/false, YAML 1.1's yes/no/on/off/y/n, null as false. */
export const bool = () =>
  z
    .union([z.boolean(), z.enum([...TRUE_WORDS, ...FALSE_WORDS] as [string, ...string[]]), z.null()])
    .transform((v) => (typeof v === 'boolean' ? v : v !== null && TRUE_WORDS.has(v)));

/** yaml.v2 reads `key:` with nothing after it as "not set". A union (not a preprocess) keeps
 *  the JSON Schema the editor gets from this schema exact: `anyOf: [the section, null]`. */
const asUnset = () => z.null().transform((): undefined => undefined);

/** An optional section or object; null leaves its default in place. */
export function opt<T extends z.ZodType>(schema: T) {
  return z.union([schema, asUnset()]).optional();
}

/** An optional list; null is no items. */
export function list<T extends z.ZodType>(item: T) {
  return z.union([z.array(item), asUnset()]).optional();
}

/** An optional string → string mapping (values as yaml.v2 reads them into Go strings). */
export const stringMap = () => z.union([z.record(z.string(), str()), asUnset()]).optional();

// ---------------------------------------------------------------- durations

const DURATION_HINT = 'expected a duration such as 30s, 5m, 1h30m or 720h (units y w d h m s ms, largest first)';

/** Prometheus' model.Duration ("30s", "5m", "0"). A bare number other than 0 has no unit.
 *  Checked in a refinement, not in the transform: a failed transform would stop zod from
 *  running the cross-field rules, and every problem is to be reported at once. */
export const duration = () =>
  z
    .union([z.string(), z.number()])
    .transform(String)
    .superRefine((text, ctx) => {
      if (parseDuration(text) === null) ctx.addIssue({ code: 'custom', message: text === '' ? `empty duration: ${DURATION_HINT}` : DURATION_HINT, params: { rule: 'duration' } });
    });

/** Go's time.Duration text ("1m", "1.5h", "-30s"). */
export const goDuration = () =>
  z
    .union([z.string(), z.number()])
    .transform(String)
    .superRefine((text, ctx) => {
      if (parseGoDuration(text) === null) ctx.addIssue({ code: 'custom', message: 'expected a Go duration such as 30s, 1m or 1h30m (units ns us ms s m h)', params: { rule: 'duration' } });
    });

// ---------------------------------------------------------------- URLs and addresses

/** An absolute http(s) URL with a host, as Alertmanager's config.URL requires. */
export function checkHttpUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a valid URL: write it as http://host[:port]/path or https://…';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL (other schemes are not supported)';
  if (url.hostname === '') return 'needs a host, e.g. https://hooks.example.com/…';
  return null;
}

/** An http(s) URL field (Alertmanager's config.URL / SecretURL). */
export const httpUrl = () =>
  str().superRefine((v, ctx) => {
    const problem = checkHttpUrl(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { rule: 'url' } });
  });

/** host:port, as Go's net.SplitHostPort reads it; "" means unset. */
export const hostPort = () =>
  str().superRefine((v, ctx) => {
    if (v === '') return;
    const m = /^(?:\[([^\]]*)\]|([^:[\]]*)):([^:[\]]*)$/.exec(v);
    if (!m) ctx.addIssue({ code: 'custom', message: 'expected host:port (e.g. smtp.example.com:587); IPv6 hosts in brackets', params: { rule: 'host_port' } });
    else if (m[3] === '') ctx.addIssue({ code: 'custom', message: 'the port cannot be empty: write host:port', params: { rule: 'host_port' } });
  });

// ---------------------------------------------------------------- labels and matchers

export const LABEL_NAME_HINT = 'not a label name: use letters, digits and _, not starting with a digit';

export const labelName = () => z.string().refine(isLabelName, { message: LABEL_NAME_HINT, params: { rule: 'label_name' } });

/** Label name → value (legacy `match`); values are strings as written. */
export const labelMap = () => z.union([z.record(labelName(), str()), asUnset()]).optional();

/** Label name → RE2 regex, anchored (legacy `match_re`). */
export const regexMap = () =>
  z
    .union([
      z.record(
        labelName(),
        str().superRefine((source, ctx) => {
          try {
            compileAnchored(source);
          } catch (err) {
            ctx.addIssue({ code: 'custom', message: (err as Error).message, params: { rule: 'regex' } });
          }
        }),
      ),
      asUnset(),
    ])
    .optional();

/** One line of a `matchers` list: one matcher, or several in `{a="1", b=~"x"}` form. */
export const matcherLine = z
  .string()
  .superRefine((text, ctx) => {
    try {
      parseMatchers(text);
    } catch (err) {
      if (!(err instanceof MatcherError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message, params: { rule: 'matcher' } });
    }
  })
  .describe('Alertmanager matchers: name="value", name!="value", name=~"regex", name!~"regex", or several as {a="1", b=~"x"}.');
