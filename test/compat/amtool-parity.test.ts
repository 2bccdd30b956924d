// Differential test: hotconf must judge an Alertmanager config exactly as Alertmanager 0.25's
// `amtool check-config` does. Valid for one means valid for the other, invalid likewise.
//
//   (a) every config in test/compat/corpus/ (hand-written, one rule or edge case per file)
//   (b) a fixed number of seeded mutants of the valid corpus configs (see mutate.ts)
//   (c) sanity: corpus size, both verdicts plentiful, line numbers on hotconf's issues
//
// Nobody writes expected verdicts here: amtool's answer in this run is the truth. The only
// exception is BY_DESIGN below, the few files where hotconf differs on purpose.
//
// Needs /usr/bin/amtool (Debian's prometheus-alertmanager) and a built dist/cli.js
// (`node scripts/build.mjs`). Run alone: npx vitest run test/compat
// Knobs: COMPAT_SEED, COMPAT_MUTANTS (default 300), COMPAT_KEEP_MUTANTS=1 (keep the mutants'
// directory), COMPAT_REPORT=FILE (write every verdict of both sides as JSON).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMTOOL_EXPECTED_VERSION, type AmtoolVerdict, amtoolCheck, amtoolVersion, assertAmtool, listConfigs } from './amtool';
import { formatIssues, type HotconfVerdict, hotconfValidate } from './hotconf-validate';
import { generateMutants, type Mutant } from './mutate';

const CORPUS = fileURLToPath(new URL('./corpus/', import.meta.url));
const SEED = Number(process.env.COMPAT_SEED ?? 20230409);
const MUTANTS = Number(process.env.COMPAT_MUTANTS ?? 300);

/**
 * Corpus files where hotconf's verdict differs from amtool's ON PURPOSE. amtool rejects each
 * one only because of the listed unknown field(s); hotconf accepts it. Both halves are asserted,
 * so an entry cannot hide an unrelated mistake. Keep this list small and explained.
 */
const BY_DESIGN: Record<string, { fields: string[]; why: string }> = {
  // hotconf's own top-level sections: Alertmanager has no such keys.
  'hotconf-section-server.yml': { fields: ['server'], why: "hotconf's own server section" },
  'hotconf-section-log.yml': { fields: ['log'], why: "hotconf's own log section" },
  'hotconf-section-database.yml': { fields: ['database'], why: "hotconf's own database section" },
  'hotconf-section-webhook.yml': { fields: ['webhook'], why: "hotconf's own webhook (ingest) section" },
  'hotconf-all-sections.yml': { fields: ['server', 'log', 'database', 'webhook'], why: "all of hotconf's own sections" },
  // Microsoft Teams arrived in Alertmanager 0.26; hotconf's schema takes it on purpose.
  'msteams-minimal.yml': { fields: ['msteams_configs'], why: 'msteams_configs is newer than Alertmanager 0.25' },
  'msteams-full.yml': { fields: ['msteams_configs'], why: 'msteams_configs is newer than Alertmanager 0.25' },
  // hotconf's per-request timeout on a webhook (DESIGN §2); `hotconf export --alertmanager` drops it.
  'webhook-timeout-field.yml': { fields: ['timeout'], why: "hotconf's webhook timeout" },
};

/**
 * Corpus files amtool accepts and hotconf accepts with a located warning (code@line), for
 * what Alertmanager never reads or reads only later:
 * - a second YAML document: yaml.v2 reads the first and never looks at the rest;
 * - a notifier field's template that does not parse: Alertmanager fails only when it renders.
 * Every other corpus file must have no warning.
 */
const WARNED: Record<string, string> = {
  'yaml-two-documents.yml': 'later_document_ignored@6',
  'yaml-second-document-broken.yml': 'later_document_ignored@6',
  'yaml-second-document-alias-bomb.yml': 'later_document_ignored@6',
  'slack-title-broken-template.yml': 'template@10',
  'pagerduty-details-broken-template.yml': 'template@9',
  'email-header-unknown-function.yml': 'template@12',
};

interface Row {
  file: string;
  /** Mutants only: the corpus file and the edits. */
  base?: string;
  ops?: string[];
  amtool: AmtoolVerdict;
  hotconf?: HotconfVerdict;
}

let corpus: Row[] = [];
let mutants: Row[] = [];
let mutantDir = '';
let mutantList: Mutant[] = [];
let hotconfError: Error | undefined;
let keepMutants = process.env.COMPAT_KEEP_MUTANTS === '1';

beforeAll(() => {
  assertAmtool(); // a clear error with the install command when amtool is missing

  const files = listConfigs(CORPUS);
  corpus = amtoolCheck(files, { cwd: CORPUS }).map((amtool) => ({ file: amtool.file, amtool }));

  mutantDir = mkdtempSync(join(tmpdir(), 'hotconf-compat-mutants-'));
  const bases = corpus.filter((r) => r.amtool.valid && !BY_DESIGN[r.file]).map((r) => join(CORPUS, r.file));
  mutantList = generateMutants({ bases, count: MUTANTS, seed: SEED, outDir: mutantDir, supportDirs: [join(CORPUS, 'templates'), join(CORPUS, 'secrets')] });
  mutants = amtoolCheck(
    mutantList.map((m) => m.file),
    { cwd: mutantDir },
  ).map((amtool, i) => ({ file: amtool.file, base: mutantList[i]!.base.slice(CORPUS.length), ops: mutantList[i]!.ops, amtool }));

  try {
    hotconfValidate(corpus.map((r) => r.file), { cwd: CORPUS }).forEach((v, i) => (corpus[i]!.hotconf = v));
    hotconfValidate(mutants.map((r) => r.file), { cwd: mutantDir }).forEach((v, i) => (mutants[i]!.hotconf = v));
  } catch (err) {
    hotconfError = err as Error;
  }

  const count = (rows: Row[]) => `${rows.length} (${rows.filter((r) => r.amtool.valid).length} valid, ${rows.filter((r) => !r.amtool.valid).length} invalid)`;
  console.log(
    `compat: amtool ${amtoolVersion()}; corpus ${count(corpus)}; mutants ${count(mutants)} seed ${SEED}; ` +
      (hotconfError ? 'hotconf CLI: NOT ANSWERING in the JSON contract' : `hotconf disagrees on ${disagreements(corpus).length} corpus file(s), ${disagreements(mutants).length} mutant(s)`),
  );
  if (process.env.COMPAT_REPORT) {
    writeFileSync(process.env.COMPAT_REPORT, JSON.stringify({ seed: SEED, hotconfError: hotconfError?.message, corpus, mutants }, null, 2));
    console.log(`compat: report written to ${process.env.COMPAT_REPORT}`);
  }
}, 120_000);

afterAll(() => {
  if (!mutantDir) return;
  if (keepMutants) console.log(`compat: mutants kept in ${mutantDir}`);
  else rmSync(mutantDir, { recursive: true, force: true });
});

function disagreements(rows: Row[]): Row[] {
  return rows.filter((r) => r.hotconf && !BY_DESIGN[r.file] && r.hotconf.valid !== r.amtool.valid);
}

const indent = (s: string, pad = '      ') => s.replace(/\n/g, `\n${pad}`);

function describeRow(r: Row): string {
  const am = r.amtool.valid ? 'valid' : `INVALID: ${r.amtool.reasons.join('\n')}`;
  const hc = r.hotconf ? (r.hotconf.valid ? `valid${r.hotconf.issues.length ? `, with issues:\n${formatIssues(r.hotconf.issues)}` : ''}` : `INVALID:\n${formatIssues(r.hotconf.issues)}`) : '(no answer)';
  const origin = r.base ? `    from ${r.base}: ${r.ops!.join('; ')}\n` : '';
  return `  ${r.file}\n${origin}    amtool:  ${indent(am)}\n    hotconf: ${indent(hc)}`;
}

function report(title: string, rows: Row[], limit = 60): string {
  const shown = rows.slice(0, limit).map(describeRow).join('\n');
  return `${title}: ${rows.length}\n${shown}${rows.length > limit ? `\n  ... and ${rows.length - limit} more (COMPAT_REPORT=FILE writes them all)` : ''}`;
}

function requireHotconf(): void {
  if (hotconfError) throw hotconfError;
}

describe('amtool side (the reference)', () => {
  it(`amtool is Alertmanager ${AMTOOL_EXPECTED_VERSION}x`, () => {
    expect(amtoolVersion().startsWith(AMTOOL_EXPECTED_VERSION)).toBe(true);
  });

  it('the corpus has at least 150 configs and both verdicts occur plentifully', () => {
    const valid = corpus.filter((r) => r.amtool.valid).length;
    const invalid = corpus.length - valid;
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(valid, 'configs amtool accepts').toBeGreaterThanOrEqual(50);
    expect(invalid, 'configs amtool rejects').toBeGreaterThanOrEqual(50);
  });

  it('every BY_DESIGN file exists and amtool rejects it only for the listed fields', () => {
    const problems: string[] = [];
    for (const [file, { fields }] of Object.entries(BY_DESIGN)) {
      const row = corpus.find((r) => r.file === file);
      if (!row) {
        problems.push(`${file}: not in the corpus`);
        continue;
      }
      const reason = row.amtool.reasons.join('\n');
      const lines = reason.split('\n').slice(1);
      const ok =
        !row.amtool.valid &&
        reason.startsWith('yaml: unmarshal errors:') &&
        lines.length === fields.length &&
        fields.every((f) => lines.some((l) => l.includes(`field ${f} not found`)));
      if (!ok) problems.push(`${file}: amtool says ${row.amtool.valid ? 'valid' : reason}`);
    }
    expect(problems).toEqual([]);
  });

  it('every WARNED file exists and amtool accepts it', () => {
    for (const file of Object.keys(WARNED)) expect(corpus.find((r) => r.file === file)?.amtool.valid, file).toBe(true);
  });

  it(`the ${MUTANTS} mutants (seed ${SEED}) are generated and both verdicts occur`, () => {
    expect(mutants).toHaveLength(MUTANTS);
    expect(new Set(mutantList.map((m) => m.file)).size).toBe(MUTANTS);
    const valid = mutants.filter((r) => r.amtool.valid).length;
    expect(valid, 'mutants amtool accepts').toBeGreaterThanOrEqual(Math.floor(MUTANTS / 10));
    expect(MUTANTS - valid, 'mutants amtool rejects').toBeGreaterThanOrEqual(Math.floor(MUTANTS / 2));
  });

  it('the mutants are the same for the same seed', () => {
    const again = mkdtempSync(join(tmpdir(), 'hotconf-compat-mutants-again-'));
    try {
      const bases = [...new Set(mutantList.map((m) => m.base))];
      const all = corpus.filter((r) => r.amtool.valid && !BY_DESIGN[r.file]).map((r) => join(CORPUS, r.file));
      expect(bases.every((b) => all.includes(b))).toBe(true);
      const second = generateMutants({ bases: all, count: 20, seed: SEED, outDir: again });
      second.forEach((m, i) => expect(readFileSync(m.path, 'utf8')).toBe(readFileSync(mutantList[i]!.path, 'utf8')));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});

describe('hotconf agrees with amtool', () => {
  it('hotconf validate answers in the JSON contract', () => {
    requireHotconf();
    expect(corpus.every((r) => r.hotconf)).toBe(true);
    expect(mutants.every((r) => r.hotconf)).toBe(true);
  });

  it('(a) every corpus config gets the same verdict', () => {
    requireHotconf();
    const bad = disagreements(corpus);
    if (bad.length) throw new Error(report('corpus configs where hotconf and amtool disagree', bad));
  });

  it("BY_DESIGN files: hotconf accepts them (amtool's only objection is hotconf's own additions)", () => {
    requireHotconf();
    const bad = corpus.filter((r) => BY_DESIGN[r.file] && !r.hotconf!.valid);
    if (bad.length) throw new Error(report('BY_DESIGN files hotconf rejects', bad));
  });

  it('WARNED files: hotconf accepts them with the listed warning, and warns on no other file', () => {
    requireHotconf();
    const warned = Object.fromEntries(corpus.filter((r) => r.hotconf!.warnings.length > 0).map((r) => [r.file, r.hotconf!.warnings.map((w) => `${w.code}@${w.line}`).join(', ')]));
    expect(warned).toEqual(WARNED);
  });

  it(`(b) every mutant gets the same verdict (seed ${SEED})`, () => {
    requireHotconf();
    const bad = disagreements(mutants);
    if (bad.length) {
      keepMutants = true;
      throw new Error(`${report('mutants where hotconf and amtool disagree', bad)}\n  (the mutants are kept in ${mutantDir})`);
    }
  });

  it('(c) every config hotconf rejects has issues, each with a line number', () => {
    requireHotconf();
    const bad = [...corpus, ...mutants].filter((r) => r.hotconf && !r.hotconf.valid && (r.hotconf.issues.length === 0 || r.hotconf.issues.some((i) => !Number.isInteger(i.line) || (i.line as number) < 1)));
    if (bad.length) {
      if (bad.some((r) => r.base)) keepMutants = true;
      throw new Error(report('rejected configs with an issue lacking a line number (or no issue at all)', bad));
    }
  });
});
