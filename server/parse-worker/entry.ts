// The parse worker's thread (dist/parse-worker.js, built by scripts/build.mjs as an entry of
// its own): the config core's check of one draft at a time, so a large or hostile draft costs
// this thread, not the event loop that serves ingest and the admin API. Secrets are never
// resolved here: every well-formed reference answers "present", as in the console.
import { parentPort } from 'node:worker_threads';
import { checkConfigText, presentSecrets } from '../config/load';
import type { ParseReply, ParseRequest } from './protocol';

parentPort!.on('message', ({ id, text }: ParseRequest) => {
  const checked = checkConfigText(text, presentSecrets);
  const reply: ParseReply = checked.ok ? { id, ok: true } : { id, ok: false, kind: checked.kind, issues: checked.issues };
  parentPort!.postMessage(reply);
});
