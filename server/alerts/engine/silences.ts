// Silences as Alertmanager keeps them (silence package): a set of matchers and a time span;
// an alert whose labels every matcher of an active silence matches is silenced. Creating,
// updating and expiring follow Alertmanager's rules:
// - a silence needs a matcher, and at least one that does not match the empty string (a
//   silence of everything is refused); regexes are RE2 and anchored; end ≥ start;
// - a new silence that starts in the past starts now;
// - an update keeps the id when the matchers are the same and the change is one Alertmanager
//   allows (an active silence may move its end, not before now, but not its start; a pending
//   one may move anything still in the future); otherwise the old silence is expired and a
//   new one (new id) replaces it;
// - expiring ends an active silence now, and a pending one before it starts.
// Silences are state, not config: reloads never touch them.
import { compileAnchored, isLabelName, matchesAll, type Matcher, type MatchOp } from '../../config/matchers';
import { RE2JS } from 're2js';
import type { Labels } from '../labels';

export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

export interface Silence {
  id: string;
  matchers: SilenceMatcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
  updatedAt: number;
}

export type SilenceState = 'pending' | 'active' | 'expired';

export class SilenceError extends Error {}
export class SilenceNotFound extends Error {}

export function silenceState(s: Pick<Silence, 'startsAt' | 'endsAt'>, now: number): SilenceState {
  if (now < s.startsAt) return 'pending';
  if (now < s.endsAt) return 'active';
  return 'expired';
}

export class Silences {
  private readonly byId = new Map<string, { silence: Silence; matchers: Matcher[] }>();
  /** Fingerprint → ids of the silences whose matchers match it (any state); forgotten
   *  whenever a silence is stored, and at every gc (the engine's maintenance, every 30 s). */
  private readonly matching = new Map<string, string[]>();

  constructor(
    private readonly newId: () => string = () => crypto.randomUUID(),
    /** Expired silences are kept this long after they end (Alertmanager: 120h). */
    private readonly retentionMs = 120 * 3_600_000,
    /** Told of every silence stored or forgotten (the engine writes it through to disk). */
    private readonly onChange?: (change: { stored: Silence } | { forgotten: string }) => void,
  ) {}

  /** Creates (no id) or updates (an existing id) a silence; returns the id it has now. */
  set(input: Omit<Silence, 'id' | 'updatedAt'> & { id?: string }, now: number): string {
    const prev = input.id ? this.byId.get(input.id)?.silence : undefined;
    if (input.id && !prev) throw new SilenceNotFound(`silence ${input.id} not found`);
    if (prev && canUpdate(prev, input, now)) {
      this.store({ ...input, id: prev.id, updatedAt: now });
      return prev.id;
    }
    if (prev && silenceState(prev, now) !== 'expired') this.expire(prev.id, now);
    const silence: Silence = { ...input, id: this.newId(), startsAt: Math.max(input.startsAt, now), updatedAt: now };
    this.store(silence);
    return silence.id;
  }

  expire(id: string, now: number): void {
    const held = this.byId.get(id);
    if (!held) throw new SilenceNotFound(`silence ${id} not found`);
    const s = held.silence;
    const state = silenceState(s, now);
    if (state === 'expired') return;
    this.store({ ...s, startsAt: state === 'pending' ? now : s.startsAt, endsAt: now, updatedAt: now });
  }

  get(id: string): Silence | undefined {
    return this.byId.get(id)?.silence;
  }

  list(): Silence[] {
    return [...this.byId.values()].map((h) => h.silence);
  }

  /**
   * Ids of the active silences that silence an alert's labels. Which silences match a label
   * set changes only when a silence does, so with the alert's fingerprint the matching ids
   * are remembered until then (as Alertmanager's marker does); whether each is active is
   * read at `now`. Without the cache every API read and every group notification ran every
   * silence's regexes over every alert (10,000 alerts × 20 regex silences: 180 ms).
   */
  silencing(labels: Labels, now: number, fingerprint?: string): string[] {
    let matching = fingerprint === undefined ? undefined : this.matching.get(fingerprint);
    if (!matching) {
      matching = [];
      for (const { silence, matchers } of this.byId.values()) if (matchesAll(matchers, labels)) matching.push(silence.id);
      if (fingerprint !== undefined) this.matching.set(fingerprint, matching);
    }
    return matching.filter((id) => {
      const held = this.byId.get(id);
      return held !== undefined && silenceState(held.silence, now) === 'active';
    });
  }

  /** Forgets silences that ended more than the retention ago. */
  gc(now: number): number {
    // The remembered matches go too: alerts that were dropped since would stay in it forever.
    this.matching.clear();
    let removed = 0;
    for (const [id, { silence }] of this.byId) {
      if (silence.endsAt + this.retentionMs < now) {
        this.byId.delete(id);
        this.onChange?.({ forgotten: id });
        removed++;
      }
    }
    return removed;
  }

  snapshot(): Silence[] {
    return this.list();
  }

  restore(silences: Iterable<Silence>): void {
    this.matching.clear();
    for (const s of silences) this.byId.set(s.id, { silence: s, matchers: compile(s.matchers) });
  }

  private store(silence: Silence): void {
    validate(silence);
    this.byId.set(silence.id, { silence, matchers: compile(silence.matchers) });
    this.matching.clear();
    this.onChange?.({ stored: silence });
  }
}

function canUpdate(a: Silence, b: Omit<Silence, 'id' | 'updatedAt'>, now: number): boolean {
  if (JSON.stringify(a.matchers) !== JSON.stringify(b.matchers)) return false;
  switch (silenceState(a, now)) {
    case 'active':
      return Math.floor(b.startsAt / 1000) === Math.floor(a.startsAt / 1000) && b.endsAt >= now;
    case 'pending':
      return b.startsAt >= now;
    case 'expired':
      return false;
  }
}

function validate(s: Silence): void {
  if (s.matchers.length === 0) throw new SilenceError('at least one matcher required');
  s.matchers.forEach((m, i) => {
    if (!isLabelName(m.name)) throw new SilenceError(`invalid label matcher ${i}: invalid label name ${JSON.stringify(m.name)}`);
    if (m.isRegex) {
      const problem = regexProblem(m.value);
      if (problem) throw new SilenceError(`invalid label matcher ${i}: invalid regular expression ${JSON.stringify(m.value)}: ${problem}`);
    }
  });
  if (compile(s.matchers).every(matchesEmpty)) throw new SilenceError('at least one matcher must not match the empty string');
  if (s.endsAt < s.startsAt) throw new SilenceError('end time must not be before start time');
}

/** Why a silence's regex does not compile, in Go's words (re2js reports as Go's regexp does:
 *  "error parsing regexp: missing closing ): `x(`"), or null. */
function regexProblem(source: string): string | null {
  try {
    RE2JS.compile(source);
    compileAnchored(source);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

function compile(matchers: readonly SilenceMatcher[]): Matcher[] {
  return matchers.map((m) => {
    const op: MatchOp = m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
    return m.isRegex ? { name: m.name, op, value: m.value, re: compileAnchored(m.value) } : { name: m.name, op, value: m.value };
  });
}

/** Alertmanager: only = and =~ can match the empty string (a != or !~ silence never counts). */
function matchesEmpty(m: Matcher): boolean {
  if (m.op === '=') return m.value === '';
  if (m.op === '=~') return m.re!.test('');
  return false;
}
