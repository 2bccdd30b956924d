// Values as Go prints them and yaml.v2's omitempty, for config-original.ts and its parts:
// what Alertmanager's structs, maps and field types turn a config value into when its
// config is marshalled back to YAML.
import { isAbsolute, join } from 'node:path';
import { parseDuration } from '../../config/duration';
import { type Matcher, parseMatchers } from '../../config/matchers';
import { Flow } from './go-yaml';

export type Obj = Record<string, unknown>;

/** model.Duration.String(): the largest units first; years and weeks only when exact. */
export function modelDuration(text: string): string {
  let ms = parseDuration(text) ?? 0;
  if (ms === 0) return '0s';
  let out = '';
  const unit = (name: string, size: number, exact: boolean) => {
    if (exact && ms % size !== 0) return;
    const n = Math.floor(ms / size);
    if (n > 0) {
      out += `${n}${name}`;
      ms -= n * size;
    }
  };
  unit('y', 365 * 86_400_000, true);
  unit('w', 7 * 86_400_000, true);
  unit('d', 86_400_000, false);
  unit('h', 3_600_000, false);
  unit('m', 60_000, false);
  unit('s', 1_000, false);
  unit('ms', 1, false);
  return out;
}

const GO_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** time.ParseDuration then time.Duration.String(), to the millisecond: `90s` is `1m30s`. */
export function goDuration(text: string): string {
  let ms = 0;
  for (const m of text.matchAll(/([0-9]*\.?[0-9]+)(ns|us|µs|μs|ms|s|m|h)/g)) ms += Number(m[1]) * GO_UNITS[m[2]!]!;
  if (text.startsWith('-')) ms = -ms;
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  ms = Math.abs(ms);
  if (ms < 1000) return `${sign}${+ms.toFixed(6)}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = +((ms % 60_000) / 1000).toFixed(9);
  return `${sign}${h > 0 ? `${h}h${m}m` : m > 0 ? `${m}m` : ''}${s}s`;
}

/** labels.Matcher.String(): `name<op>"value"`, the value escaped as OpenMetrics does. */
function matcherText(m: Matcher): string {
  return `${m.name}${m.op}"${m.value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`;
}

const OP_ORDER = { '=': 0, '!=': 1, '=~': 2, '!~': 3 } as const;

/** Alertmanager's Matchers: each line parsed, all of them sorted (name, value, type). */
export function matchers(lines: readonly string[] | undefined): string[] | undefined {
  if (!lines) return undefined;
  const all = lines.flatMap(parseMatchers);
  all.sort((a, b) => (a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.value !== b.value ? (a.value < b.value ? -1 : 1) : OP_ORDER[a.op] - OP_ORDER[b.op]));
  return all.map(matcherText);
}

/** config.HostPort.String(): host and port joined by ':' (IPv6 hosts lose their brackets). */
export function hostPort(text: unknown): unknown {
  if (typeof text !== 'string' || text === '') return text;
  const i = text.lastIndexOf(':');
  return `${text.slice(0, i).replace(/^\[(.*)\]$/, '$1')}:${text.slice(i + 1)}`;
}

/** Go's url.URL.String() of a parsed URL, as far as config files show: the scheme in lower case. */
export function goUrl(text: unknown): unknown {
  return typeof text === 'string' ? text.replace(/^[A-Za-z][A-Za-z0-9+.-]*:/, (s) => s.toLowerCase()) : text;
}

/** url.URL.Redacted(): a password in the URL as `xxxxx`. */
export function redactedUrl(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, '$1:xxxxx@');
}

export function joinDir(dir: string, path: unknown): unknown {
  return typeof path === 'string' && path !== '' && !isAbsolute(path) ? join(dir, path) : path;
}

/** A value yaml.v2 writes even when empty (its field has no omitempty). */
export class Kept {
  constructor(readonly value: unknown) {}
}

/** A Go map: every entry written, keys sorted; an empty one is left out (omitempty). */
export class GoMap {
  constructor(readonly entries: Obj) {}
}

/** `nullEmpty`: a map of regexes, where Alertmanager writes an empty one as null. */
export function goMap(m: Obj | undefined, nullEmpty = false): GoMap | undefined {
  if (!m) return undefined;
  return new GoMap(Object.fromEntries(Object.keys(m).sort().map((k) => [k, nullEmpty && m[k] === '' ? null : m[k]])));
}

/** yaml.v2's omitempty: undefined, null, '', false, 0, empty lists and maps go, unless Kept. */
export function omitEmpty(value: unknown): unknown {
  if (value instanceof Kept) return keepInside(value.value);
  if (value instanceof GoMap) return Object.keys(value.entries).length === 0 ? undefined : Object.fromEntries(Object.entries(value.entries).map(([k, v]) => [k, keepInside(v)]));
  if (value instanceof Flow) return value;
  if (Array.isArray(value)) return value.map(keepInside);
  if (value === null || typeof value !== 'object') return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value as Obj)) {
    const cleaned = omitEmpty(v);
    if (v instanceof Kept || !isEmpty(cleaned)) out[k] = cleaned;
  }
  return out;
}

/** A list item (or a Kept value) is written whatever it holds; its own fields still obey omitempty. */
function keepInside(value: unknown): unknown {
  const cleaned = omitEmpty(value);
  return cleaned === undefined ? null : cleaned;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false || v === 0) return true;
  if (v instanceof Flow) return Array.isArray(v.value) ? v.value.length === 0 : false;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as Obj).length === 0;
}
