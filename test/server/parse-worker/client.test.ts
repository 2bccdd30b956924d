// The parse worker (server/parse-worker/client.ts) against the built dist/parse-worker.js: it
// answers what the config core answers, and a check that runs too long or needs too much
// memory is stopped — the thread terminated, a located "took longer than N ms" or "needed
// more than N MB" issue answered — and the next check gets a fresh thread. An idle thread is
// stopped (it costs the process ~33 MB), and the next draft starts another.
import { afterEach, describe, expect, it } from 'vitest';
import { checkConfigText, presentSecrets } from '../../../server/config/load';
import { ParseWorker } from '../../../server/parse-worker/client';
import type { ParseResult } from '../../../server/parse-worker/protocol';
import { mergeChain } from '../../security/hostile-yaml-corpus';

const VALID = 'route:\n  receiver: a\nreceivers:\n  - name: a\n';

/** A valid config of ~`n` receivers: big enough to take a while to check. */
function bigConfig(n: number): string {
  let text = 'route:\n  receiver: r0\nreceivers:\n';
  for (let i = 0; i < n; i++) text += `  - name: r${i}\n    webhook_configs:\n      - url: http://127.0.0.1:9/${i}\n        send_resolved: true\n`;
  return text;
}

/** The first issue of a refusal (null for anything else). */
const firstIssue = (r: ParseResult | null) => (r && !r.ok ? r.issues[0]! : null);
const messageOf = (r: ParseResult | null) => firstIssue(r)?.message ?? '';

let worker: ParseWorker | undefined;
afterEach(async () => {
  await worker?.close();
  worker = undefined;
});

describe('ParseWorker', () => {
  it('answers what the config core answers, for valid and invalid drafts', async () => {
    worker = new ParseWorker();
    expect(await worker.check(VALID)).toEqual({ ok: true });
    const invalid = `${VALID}x: 1\n`;
    const inline = checkConfigText(invalid, presentSecrets);
    expect(await worker.check(invalid)).toEqual({ ok: false, kind: inline.ok ? null : inline.kind, issues: inline.ok ? null : inline.issues });
    const chain = mergeChain(180_000);
    const refused = await worker.check(chain);
    expect(firstIssue(refused)).toMatchObject({ code: 'alias_expansion', line: 7 });
  });

  it('stops a check that takes longer than its limit with a located issue, and starts a fresh thread for the next', async () => {
    worker = new ParseWorker({ timeoutMs: 5 });
    const slow = await worker.check(bigConfig(5_000));
    expect(slow).toMatchObject({ ok: false, kind: 'load_failed' });
    expect(firstIssue(slow)).toMatchObject({ code: 'parse_timeout', line: 1, column: 1 });
    expect(messageOf(slow)).toMatch(/took longer than 5 ms and was stopped: .*simplify it/);
    const fresh = new ParseWorker({ timeoutMs: 10_000 });
    try {
      expect(await fresh.check(VALID)).toEqual({ ok: true });
    } finally {
      await fresh.close();
    }
  });

  it('stops a check that needs more memory than its heap cap with a located issue', async () => {
    worker = new ParseWorker({ heapMb: 16, timeoutMs: 20_000 });
    // 1.5 million numbers: each is an object (its text and value), ~100 MB of heap.
    const big = await worker.check(`${VALID}x: [${'1,'.repeat(1_500_000)}1]\n`);
    expect(firstIssue(big)).toMatchObject({ code: 'parse_memory', line: 1, column: 1 });
    expect(messageOf(big)).toMatch(/needed more than 16 MB and was stopped/);
    // The same ParseWorker starts a new thread for the next draft.
    expect(await worker.check(VALID)).toEqual({ ok: true });
  }, 30_000);

  it('checks one draft at a time, each answered with its own result', async () => {
    worker = new ParseWorker();
    const answers = await Promise.all([VALID, `${VALID}x: 1\n`, VALID].map((t) => worker!.check(t)));
    expect(answers.map((a) => a?.ok)).toEqual([true, false, true]);
  });

  it('stops its thread once idle for idleMs, not while checks are queued, and starts a new one for the next draft', async () => {
    // 1 ms: an idle timer armed after the first check, with the second still queued, would
    // fire during the second (a 2,000-receiver check takes far longer) and terminate the
    // thread under it, which answers null.
    worker = new ParseWorker({ idleMs: 1 });
    const first = worker.check(VALID);
    const second = worker.check(bigConfig(2_000));
    await first;
    expect(worker.running).toBe(true);
    expect(await second).toEqual({ ok: true });
    expect(worker.running).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(worker.running).toBe(false);
    expect(await worker.check(`${VALID}x: 1\n`)).toMatchObject({ ok: false, kind: 'validation_failed' });
    expect(worker.running).toBe(true);
  });

  it('answers null when the thread cannot run at all (a rebuilt dist/ under a running process), and says so', async () => {
    const faults: string[] = [];
    worker = new ParseWorker({ entry: '/nonexistent/parse-worker.js', onFault: (m) => faults.push(m) });
    expect(await worker.check(VALID)).toBeNull();
    expect(faults).toEqual([expect.stringMatching(/the parse worker failed .*checked on the main thread until it starts again/)]);
  });
});
