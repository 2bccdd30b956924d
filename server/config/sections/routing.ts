// The route tree, inhibition rules and time intervals, as Alertmanager 0.25 reads them.
import { z } from 'zod';
import { requiredInEditor } from '../editor-hints';
import { LABEL_NAME_HINT, bool, duration, labelMap, labelName, list, matcherLine, opt, regexMap, str } from './fields';
import { parseDuration } from '../duration';
import { isLabelName } from '../matchers';

export interface RouteInput {
  receiver?: string;
  group_by?: string[] | undefined;
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  matchers?: string[] | undefined;
  match?: Record<string, string> | undefined;
  match_re?: Record<string, string> | undefined;
  mute_time_intervals?: string[] | undefined;
  active_time_intervals?: string[] | undefined;
  continue?: boolean;
  routes?: RouteInput[] | undefined;
}

/** A non-zero duration (Alertmanager refuses zero group_interval and repeat_interval). */
const nonZero = (description: string) =>
  opt(duration().refine((v) => parseDuration(v) !== 0, { message: 'cannot be zero', params: { rule: 'zero_interval' } })).describe(description);

const groupBy = () =>
  list(z.string())
    .superRefine((names, ctx) => {
      if (!names) return;
      const seen = new Set<string>();
      names.forEach((name, i) => {
        if (name === '...') return;
        if (!isLabelName(name)) ctx.addIssue({ code: 'custom', message: `${LABEL_NAME_HINT} (or '...' for all labels)`, path: [i], params: { rule: 'label_name' } });
        else if (seen.has(name)) ctx.addIssue({ code: 'custom', message: `label ${name} is listed twice`, path: [i], params: { rule: 'group_by' } });
        seen.add(name);
      });
      if (names.includes('...') && names.some((n) => n !== '...')) ctx.addIssue({ code: 'custom', message: "'...' groups by all labels: it cannot be combined with label names", params: { rule: 'group_by' } });
    })
    .describe("Labels to group alerts by; ['...'] groups by all labels.");

export const routeSchema: z.ZodType<RouteInput> = z
  .strictObject({
    receiver: str().optional().describe('Receiver for alerts this route matches (inherited from the parent when absent).'),
    group_by: groupBy(),
    matchers: list(matcherLine).describe('Alertmanager matchers an alert must satisfy.'),
    match: labelMap().describe('Deprecated equality matchers (label: value).'),
    match_re: regexMap().describe('Deprecated regex matchers (label: regex, anchored).'),
    mute_time_intervals: list(str()).describe('Time intervals (names) during which this route sends nothing.'),
    active_time_intervals: list(str()).describe('Time intervals (names) outside which this route sends nothing.'),
    continue: bool().optional().describe('Keep matching sibling routes after this one matched.'),
    get routes() {
      return list(routeSchema).describe('Child routes, tried in order.');
    },
    group_wait: opt(duration()).describe('How long to wait before the first notification of a new group.'),
    group_interval: nonZero('How long to wait before notifying about new alerts in a group.'),
    repeat_interval: nonZero('How long to wait before re-sending a notification.'),
  })
  .describe('An Alertmanager route.');

export const inhibitRuleSchema = z
  .strictObject({
    source_matchers: list(matcherLine).describe('Matchers for the alert that inhibits.'),
    target_matchers: list(matcherLine).describe('Matchers for the alerts that are muted.'),
    source_match: labelMap().describe('Deprecated: equality matchers for the source.'),
    source_match_re: regexMap().describe('Deprecated: regex matchers for the source.'),
    target_match: labelMap().describe('Deprecated: equality matchers for the target.'),
    target_match_re: regexMap().describe('Deprecated: regex matchers for the target.'),
    equal: list(labelName()).describe('Labels that must have equal values in source and target.'),
  })
  .describe('Mute target alerts while a matching source alert fires.');

// ---------------------------------------------------------------- time intervals

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** `begin:end` or one member; members read by `member` (null: not one). Go's strconv.Atoi for numbers. */
function rangeOf(text: string, member: (s: string) => number | null): [number, number] | string {
  // Alertmanager reads ranges case-insensitively.
  const parts = text.toLowerCase().split(':');
  if (parts.length > 2) return `${text} is not a range: write begin:end or a single value`;
  const [a, b = a] = parts as [string, string?];
  const begin = member(a);
  const end = member(b!);
  if (begin === null) return `${a} is not a valid value here`;
  if (end === null) return `${b} is not a valid value here`;
  return [begin, end];
}

const atoi = (s: string): number | null => (/^[+-]?\d+$/.test(s) && Math.abs(Number(s)) < 2 ** 31 ? Number(s) : null);

function rangeField(check: (text: string) => string | null, description: string) {
  return list(
    str().superRefine((text, ctx) => {
      const problem = check(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { rule: 'time_interval' } });
    }),
  ).describe(description);
}

const weekdays = rangeField((text) => {
  const r = rangeOf(text, (s) => (WEEKDAYS.includes(s) ? WEEKDAYS.indexOf(s) : null));
  if (typeof r === 'string') return `${r}: weekdays are written in lower case, e.g. monday:friday`;
  return r[0] > r[1] ? 'the start day cannot be after the end day' : null;
}, "Days of the week, e.g. ['monday:friday', 'sunday'].");

const daysOfMonth = rangeField((text) => {
  const r = rangeOf(text, atoi);
  if (typeof r === 'string') return r;
  const [b, e] = r;
  if (b === 0 || b < -31 || b > 31) return `${b} is not a valid day of the month: use 1 to 31, or -1 to -31 from the end`;
  if (e === 0 || e < -31 || e > 31) return `${e} is not a valid day of the month: use 1 to 31, or -1 to -31 from the end`;
  if (b < 0 && e > 0) return 'the end day must be negative when the start day is';
  if ((b < 0 ? 28 + b : b) > (e < 0 ? 28 + e : e)) return `end day ${e} is always before start day ${b}`;
  return null;
}, "Days of the month, e.g. ['1:5', '-3:-1'].");

const months = rangeField((text) => {
  const r = rangeOf(text, (s) => (MONTHS.includes(s) ? MONTHS.indexOf(s) + 1 : atoi(s)));
  if (typeof r === 'string') return `${r}: months are names in lower case or numbers, e.g. january:march or 1:3`;
  return r[0] > r[1] ? 'the end month is before the start month' : null;
}, "Months, e.g. ['january:march', '12'].");

const years = rangeField((text) => {
  const r = rangeOf(text, atoi);
  if (typeof r === 'string') return r;
  return r[0] > r[1] ? `end year ${r[1]} is before start year ${r[0]}` : null;
}, "Years, e.g. ['2024:2026'].");

const CLOCK = /^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

const timeRange = z
  .strictObject({ start_time: str().optional(), end_time: str().optional() })
  .superRefine((t, ctx) => {
    const issue = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path], params: { rule: 'time_interval' } });
    if (!t.start_time || !t.end_time) return issue('both start_time and end_time are needed', t.start_time ? 'end_time' : 'start_time');
    if (!CLOCK.test(t.start_time)) return issue('expected a time of day HH:MM (00:00 to 24:00)', 'start_time');
    if (!CLOCK.test(t.end_time)) return issue('expected a time of day HH:MM (00:00 to 24:00)', 'end_time');
    if (minutesOf(t.start_time) >= minutesOf(t.end_time)) issue('the start time must be before the end time', 'start_time');
  });

/** Time zone names Go's time.LoadLocation knows: "UTC", "Local" and the IANA database. */
function isTimeZone(name: string): boolean {
  if (name === 'UTC' || name === 'Local' || name === '') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const timeIntervalSpec = z.strictObject({
  times: list(timeRange).describe('Times of day, e.g. [{start_time: "09:00", end_time: "17:00"}].'),
  weekdays,
  days_of_month: daysOfMonth,
  months,
  years,
  location: str()
    .refine(isTimeZone, { message: 'unknown time zone: use an IANA name such as Europe/Berlin, or UTC', params: { rule: 'time_interval' } })
    .optional()
    .describe('Time zone of the times, e.g. Europe/Berlin (default UTC).'),
});

export const timeIntervalSchema = requiredInEditor(z
  .strictObject({
    name: str().optional().describe('Name that routes refer to.'),
    time_intervals: list(timeIntervalSpec).describe('When this interval is in effect: any of these.'),
  })
  .superRefine((t, ctx) => {
    if (!t.name) ctx.addIssue({ code: 'custom', message: 'a time interval needs a name', path: ['name'], params: { rule: 'time_interval_name' } });
  })
  .describe('A named set of times, for mute_time_intervals and active_time_intervals of routes.'), ['name']);
