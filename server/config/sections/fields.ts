// Field kinds of Alertmanager's config as its Go loader (yaml.v2, strict) reads them, so an
// operator's alertmanager.yml is judged here as `amtool check-config` judges it:
// - a string field takes any scalar as written (`test: 2` is the string "2"), and null is "";
// - a boolean takes YAML 1.1's words too (`yes`, `off`), since yaml.v2 reads YAML 1.1;
// - null in a list, mapping or optional section means "not set".
// Messages never quote a value: any field may hold a secret.
import { z } from 'zod';
import { parseDuration, parseGoDuration } from '../duration';
import { MatcherError, compileAnchored, isLabelName, parseMatchers } from '../matchers';
import { TemplateSyntaxError, parseTemplate } from '../../template';
import { parseGoUrl } from '../go-url';
import { PlainScalar } from '../plain-scalar';

/** A plain number or boolean as read (plain-scalar.ts); accepted wherever yaml.v2 would. */
const plain = () => z.instanceof(PlainScalar);

/** A string as yaml.v2 reads one into a Go string: any scalar as written, null as "". */
export const str = () =>
  z.union([z.string(), plain(), z.number(), z.boolean(), z.null()]).transform((v) => {
    if (v instanceof PlainScalar) return v.text;
    return v === null ? '' : typeof v === 'string' ? v : String(v);
  });

/** A boolean as yaml.v2 reads one: a plain true/false/yes/no/on/off/y/n (not a quoted
 *  string), null as false. */
export const bool = () =>
  z
    .union([z.boolean(), plain().refine((p) => typeof p.value === 'boolean', { message: 'expected true or false', params: { rule: 'bool' } }), z.null()])
    .transform((v) => (v instanceof PlainScalar ? (v.value as boolean) : v === true));

const numberOf = (v: number | PlainScalar) => (v instanceof PlainScalar ? v.value : v);

/**
 * A whole number as yaml.v2 reads one into a Go integer: a fraction is truncated (yaml.v2
 * converts a float to an int), the range is checked, null is 0. `max` may exceed 2^53 (a
 * uint64): the check then uses the text.
 */
export const int = (min: number, max: number | bigint, what = 'a whole number') =>
  z
    .union([z.number(), plain(), z.null()])
    .superRefine((v, ctx) => {
      if (v === null) return;
      const n = numberOf(v);
      if (typeof n !== 'number' || !Number.isFinite(n)) return ctx.addIssue({ code: 'custom', message: `expected ${what}`, params: { rule: 'invalid_type' } });
      const whole = Math.trunc(n);
      if (whole < min) return ctx.addIssue({ code: 'custom', message: `must be at least ${min}`, params: { rule: 'too_small' } });
      // yaml.v2 reads an integer literal exactly while it fits 64 bits, and as a float beyond.
      const exact = v instanceof PlainScalar && /^[-+]?\d+$/.test(v.text) && BigInt(v.text) <= 18446744073709551615n;
      if (exact ? BigInt((v as PlainScalar).text) > BigInt(max) : whole > Number(max)) ctx.addIssue({ code: 'custom', message: `must be at most ${max}`, params: { rule: 'too_big' } });
    })
    .transform((v) => (v === null ? 0 : Math.trunc(numberOf(v) as number)));

/** A number (a Go float64). */
export const num = () =>
  z
    .union([z.number(), plain()])
    .superRefine((v, ctx) => {
      if (typeof numberOf(v) !== 'number') ctx.addIssue({ code: 'custom', message: 'expected a number', params: { rule: 'number' } });
    })
    .transform((v) => numberOf(v) as number);

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

const REDACTED_BY_ALERTMANAGER = '<secret>';

/** A secret that must be a URL Go's url.Parse reads (a proxy URL may carry credentials). */
export function secretAnyUrl(description: string) {
  const field = str()
    .superRefine((v, ctx) => {
      const problem = v === '' ? null : checkAnyUrl(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { rule: 'url' } });
    })
    .describe(`${description} Secret: may be written as \${env:NAME} or \${file:/path}; never shown back.`);
  SECRET_FIELDS.add(field);
  return field;
}

/** A secret that must be an http(s) URL (Alertmanager's SecretURL). */
export function secretUrl(description: string) {
  const field = str()
    .superRefine((v, ctx) => {
      // Alertmanager reads back its own redacted output (`<secret>`), as amtool config show prints it.
      if (v === REDACTED_BY_ALERTMANAGER) return;
      const problem = checkHttpUrl(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { rule: 'url' } });
    })
    .describe(`${description} Secret: may be written as \${env:NAME} or \${file:/path}; never shown back.`);
  SECRET_FIELDS.add(field);
  return field;
}

/** The string fields whose value is a Go template (a notifier's title, text, …): the
 *  validate phase parses each one (template-warnings.ts), so a broken `{{` is found, as a
 *  located warning, before a notification fails to render. */
const TEMPLATE_FIELDS = new WeakSet<object>();

export function isTemplateField(schema: object): boolean {
  return TEMPLATE_FIELDS.has(schema);
}

/** A notifier field rendered with Go's text/template at notification time. A template that
 *  does not parse is a warning, not a schema error: Alertmanager accepts the file (it parses
 *  the template only when it renders), and hotconf judges files as amtool does. */
export function tmpl(description: string) {
  const field = str().describe(`${description} A Go template: {{ … }} is rendered for each notification.`);
  TEMPLATE_FIELDS.add(field);
  return field;
}

/** Why a field's Go template does not parse, or null (texts without `{{` are not parsed). */
export function templateProblem(text: string): string | null {
  if (!text.includes('{{')) return null;
  try {
    parseTemplate(text);
    return null;
  } catch (err) {
    if (!(err instanceof TemplateSyntaxError)) throw err;
    return `the template does not parse: ${err.message} (at character ${err.column}${err.line > 1 ? ` of line ${err.line}` : ''} of the value)`;
  }
}

/** A mapping whose values are Go templates (PagerDuty details, email headers). */
export const tmplMap = () => {
  const value = str();
  TEMPLATE_FIELDS.add(value);
  return z.record(z.string(), value).nullish().transform(unsetNull).optional();
};

/** yaml.v2 reads `key:` with nothing after it as "not set". `nullish()` keeps both the JSON
 *  Schema the editor gets (`anyOf: [the section, null]`) and zod's reporting: a problem
 *  inside the section is reported where it is, and the cross-field rules still run (a union
 *  would turn any inner problem into one "invalid input" that stops them). */
const unsetNull = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

/** An optional section or object; null leaves its default in place. */
export function opt<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform(unsetNull).optional();
}

/** An optional list; null is no items. */
export function list<T extends z.ZodType>(item: T) {
  return z.array(item).nullish().transform(unsetNull).optional();
}

/** An optional string → string mapping (values as yaml.v2 reads them into Go strings). */
export const stringMap = () => z.record(z.string(), str()).nullish().transform(unsetNull).optional();

// ---------------------------------------------------------------- durations

const DURATION_HINT = 'expected a duration such as 30s, 5m, 1h30m or 720h (units y w d h m s ms, largest first)';

/** Prometheus' model.Duration ("30s", "5m", "0"). A bare number other than 0 has no unit.
 *  Checked in a refinement, not in the transform: a failed transform would stop zod from
 *  running the cross-field rules, and every problem is to be reported at once. */
export const duration = () =>
  z
    .union([z.string(), plain(), z.number()])
    .transform((v) => (v instanceof PlainScalar ? v.text : String(v)))
    .superRefine((text, ctx) => {
      if (parseDuration(text) === null) ctx.addIssue({ code: 'custom', message: text === '' ? `empty duration: ${DURATION_HINT}` : DURATION_HINT, params: { rule: 'duration' } });
    });

/** Go's time.Duration text ("1m", "1.5h", "-30s"). */
export const goDuration = () =>
  z
    .union([z.string(), plain(), z.number()])
    .transform((v) => (v instanceof PlainScalar ? v.text : String(v)))
    .superRefine((text, ctx) => {
      if (parseGoDuration(text) === null) ctx.addIssue({ code: 'custom', message: 'expected a Go duration such as 30s, 1m or 1h30m (units ns us ms s m h)', params: { rule: 'duration' } });
    });

// ---------------------------------------------------------------- URLs and addresses

/** An absolute http(s) URL with a host, as Alertmanager's config.URL requires. */
export function checkHttpUrl(value: string): string | null {
  const url = parseGoUrl(value);
  if ('error' in url) return `is not a valid URL: it ${url.error}`;
  if (url.scheme !== 'http' && url.scheme !== 'https') return 'must be an http or https URL (write http://host/… or https://host/…)';
  if (url.host === '') return 'needs a host, e.g. https://hooks.example.com/…';
  return null;
}

/** A URL any way Go's url.Parse takes it (a proxy URL, an SNS endpoint); "" is unset. */
export function checkAnyUrl(value: string): string | null {
  const url = parseGoUrl(value);
  return 'error' in url ? `is not a valid URL: it ${url.error}` : null;
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
export const labelMap = () => z.record(labelName(), str()).nullish().transform(unsetNull).optional();

/** Label name → RE2 regex, anchored (legacy `match_re`). */
export const regexMap = () =>
  z
    .record(
      labelName(),
      z
        .union([z.string(), plain(), z.number(), z.boolean()], { error: 'expected a regex (an empty value is no regex)' })
        .transform((v) => (v instanceof PlainScalar ? v.text : String(v)))
        .superRefine((source, ctx) => {
          try {
            compileAnchored(source);
          } catch (err) {
            ctx.addIssue({ code: 'custom', message: (err as Error).message, params: { rule: 'regex' } });
          }
        }),
    )
    .nullish()
    .transform(unsetNull)
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
