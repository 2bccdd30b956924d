// A stand-in for one console process in the fault tests: it reads one JSON request per stdin
// line, opens the repository with openConfigRepo (so recovery-on-open runs every time, as when
// a console starts while another is writing), performs the request, and answers one JSON line
// on stdout. Bundled and run as its own Node process by ./writer-process.
import { createInterface } from 'node:readline';
import { openConfigRepo } from '../../../server/git/repo';

export type WriterRequest =
  | { id: number; op: 'commit'; dir: string; base: string; content: string; message: string }
  | { id: number; op: 'restore'; dir: string; target: string };

export type WriterResponse =
  | { id: number; ok: true; commit: string; recovery: string }
  | { id: number; ok: false; error: { name: string; message: string; reason?: string; code?: string; headCommit?: string; headContent?: string } };

const AUTHOR = { name: process.env.WRITER_NAME ?? 'writer', email: `${process.env.WRITER_NAME ?? 'writer'}@example.test` };

async function handle(req: WriterRequest): Promise<WriterResponse> {
  try {
    const repo = await openConfigRepo({ dir: req.dir });
    const { commit } =
      req.op === 'commit'
        ? await repo.commit({ content: req.content, message: req.message, baseCommit: req.base, author: AUTHOR })
        : await repo.restore(req.target, AUTHOR);
    return { id: req.id, ok: true, commit, recovery: repo.recovery };
  } catch (err) {
    const e = err as Error & Record<string, unknown>;
    const pick = (key: string) => (typeof e[key] === 'string' ? (e[key] as string) : undefined);
    return {
      id: req.id,
      ok: false,
      error: { name: e.name, message: e.message, reason: pick('reason'), code: pick('code'), headCommit: pick('headCommit'), headContent: pick('headContent') },
    };
  }
}

createInterface({ input: process.stdin }).on('line', (line) => {
  void handle(JSON.parse(line) as WriterRequest).then((res) => process.stdout.write(JSON.stringify(res) + '\n'));
});
process.stdout.write(JSON.stringify({ ready: process.pid }) + '\n');
