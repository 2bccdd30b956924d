// Issue 12, DESIGN §10 ("a lost race is a 409, never a 500 or a silent overwrite"), at the
// console's HTTP API: two real console processes on one repository and one real service,
// both applying a change on the same base at the same moment, race after race. The winner
// must be told 201 with the reload of its own commit, the loser 409 stale_base carrying the
// winner's commit and content — and git and the service must agree with what they were told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../server/git/helpers';
import { expectConsistent } from './support/consistency';
import { SAMPLE, startConsoleStack, type ConsoleProcess, type ConsoleStack } from './support/console-stack';

const RACES = 50;
let stack: ConsoleStack;
let alice: ConsoleProcess;
let bob: ConsoleProcess;

beforeAll(async () => {
  stack = await startConsoleStack();
  [alice, bob] = await Promise.all([stack.console('alice'), stack.console('bob')]);
  // Both consoles looked at the service once at start: nothing to reconcile yet.
  await Promise.all([alice.line(/reconcile \(start\): in_step/, { seen: true }), bob.line(/reconcile \(start\): in_step/, { seen: true })]);
}, 180_000);
afterAll(() => stack?.stop());

interface Answer {
  status: number;
  body: { commit?: string; reload?: { commit: string; dirty: boolean; status: string }; head_commit?: string; head_content?: string; error?: { code: string; message: string } };
}

/** The sample with this race's edit: a routing change, and who made it. */
function edit(base: string, race: number, who: string): string {
  expect(base).toMatch(/group_wait: \w+\n/);
  return base.replace(/group_wait: \w+\n/, `group_wait: ${race}s\n`).replace(/^# edited by: .*\n|^/, `# edited by: ${who} in race ${race}\n`);
}

describe('two console processes applying on the same base', () => {
  it(`${RACES} races: exactly one 201 and one 409 each, the winner's bytes and message in HEAD, the service on HEAD, never a 500`, async () => {
    expect(SAMPLE).toMatch(/group_wait: 30s/);
    const tally = { 201: 0, 409: 0, other: [] as string[] };
    const wins = new Map<string, number>();
    for (let race = 1; race <= RACES; race++) {
      const base = (await alice.api<{ commit: string; content: string }>('/api/config')).body;
      const attempt = (c: ConsoleProcess) =>
        c.api<Answer['body']>('/api/config', { method: 'POST', body: { content: edit(base.content, race, c.name), message: `race ${race} by ${c.name}`, base_commit: base.commit } }).then((a) => [c.name, a] as const);
      const answers = await Promise.all([attempt(alice), attempt(bob)]);

      for (const [who, a] of answers) {
        if (a.status === 201 || a.status === 409) tally[a.status]++;
        else tally.other.push(`race ${race} ${who}: ${a.status} ${JSON.stringify(a.body.error)}`);
      }
      const won = answers.filter(([, a]) => a.status === 201);
      const lost = answers.filter(([, a]) => a.status === 409);
      expect(answers.map(([, a]) => a.status).sort(), `race ${race}: ${JSON.stringify(answers)}`).toEqual([201, 409]);
      const [winner, success] = won[0]!;
      const [, failure] = lost[0]!;
      wins.set(winner, (wins.get(winner) ?? 0) + 1);

      // git holds exactly the winner's change, on top of the base.
      const head = git(stack.repoDir, 'rev-parse', 'HEAD').trim();
      expect(success.body.commit, `race ${race}`).toBe(head);
      expect(git(stack.repoDir, 'rev-parse', 'HEAD^').trim(), `race ${race}`).toBe(base.commit);
      expect(git(stack.repoDir, 'cat-file', 'blob', 'HEAD:config.yaml'), `race ${race}`).toBe(edit(base.content, race, winner));
      expect(git(stack.repoDir, 'log', '-1', '--format=%s|%an', 'HEAD').trim(), `race ${race}`).toBe(`race ${race} by ${winner}|${winner}`);
      // The winner was told about the reload of its own commit; the loser got HEAD to merge.
      expect(success.body.reload, `race ${race}`).toMatchObject({ commit: head, dirty: false, status: 'success' });
      expect(failure.body, `race ${race}`).toMatchObject({ error: { code: 'stale_base' }, head_commit: head, head_content: edit(base.content, race, winner) });
      // And the service runs what HEAD holds.
      expect(await stack.serviceStatus(), `race ${race}`).toMatchObject({ commit: head, dirty: false });
    }
    expect(tally).toEqual({ 201: RACES, 409: RACES, other: [] });
    // Who won is up to the scheduler; printed so a run shows both consoles really raced.
    console.info(`races won: ${[...wins].map(([who, n]) => `${who} ${n}`).join(', ')}`);
    expect(git(stack.repoDir, 'rev-list', '--count', 'HEAD').trim()).toBe(String(RACES + 1));
    expectConsistent(stack.repoDir);
  }, 300_000);
});
