// Issue 12, DESIGN §10: one writer per config repository across processes. Two real Node
// processes (each a console stand-in: open the repository, commit) race on one base; a lost
// race must be a ConflictError carrying HEAD — never a silent overwrite, never a crash.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { git, plainRepo } from '../server/git/helpers';
import { expectConsistent } from './support/consistency';
import { removeWriterBundle, startWriter, type WriterProcess } from './support/writer-process';
import type { WriterResponse } from './support/git-writer';

const RACES = 50;
let writers: WriterProcess[] = [];

afterEach(async () => {
  await Promise.all(writers.map((w) => w.stop()));
  writers = [];
});
afterAll(() => removeWriterBundle());

describe('two console processes committing to one repository', () => {
  it(`${RACES} races on the same base: every race is exactly one commit and one ConflictError with HEAD's content`, async () => {
    const { dir, first } = plainRepo('race: 0\n');
    writers = await Promise.all([startWriter('alice'), startWriter('bob')]);
    const [alice, bob] = writers as [WriterProcess, WriterProcess];
    let base = first;
    for (let race = 1; race <= RACES; race++) {
      const attempt = (w: WriterProcess, who: string) =>
        w.request({ op: 'commit', dir, base, content: `race: ${race}\nby: ${who}\n`, message: `race ${race} by ${who}` });
      const results: Array<[string, WriterResponse]> = [];
      await Promise.all([attempt(alice, 'alice').then((r) => results.push(['alice', r])), attempt(bob, 'bob').then((r) => results.push(['bob', r]))]);

      const won = results.filter(([, r]) => r.ok);
      const lost = results.filter(([, r]) => !r.ok);
      expect(won, `race ${race}: ${JSON.stringify(results)}`).toHaveLength(1);
      expect(lost, `race ${race}`).toHaveLength(1);
      const [winner, success] = won[0]!;
      const [, failure] = lost[0]!;
      if (!success.ok || failure.ok) throw new Error('unreachable');

      const head = git(dir, 'rev-parse', 'HEAD').trim();
      expect(success.commit, `race ${race}`).toBe(head);
      expect(git(dir, 'cat-file', 'blob', 'HEAD:config.yaml'), `race ${race}`).toBe(`race: ${race}\nby: ${winner}\n`);
      expect(git(dir, 'log', '-1', '--format=%s%n%an', 'HEAD').trim(), `race ${race}`).toBe(`race ${race} by ${winner}\n${winner}`);
      expect(git(dir, 'rev-parse', 'HEAD^').trim(), `race ${race}: exactly one commit on top of the base`).toBe(base);
      expect(failure.error, `race ${race}`).toMatchObject({
        name: 'ConflictError',
        reason: 'stale_base',
        headCommit: head,
        headContent: `race: ${race}\nby: ${winner}\n`,
      });
      base = head;
    }
    expect(git(dir, 'rev-list', '--count', 'HEAD').trim()).toBe(String(RACES + 1));
    expectConsistent(dir);
  });
});
