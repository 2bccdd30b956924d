'use client';
// The draft's issues from the check worker (check.worker.ts). Answers arrive out of the
// typing's way: the hook keeps the newest answer and the text it is about, so a caller can
// tell a settled check from one still running. `checkNow` asks about one exact text (Apply
// sends exactly what was checked).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConfigIssue } from '../../server/contract/config';
import type { CheckRequest, CheckResponse } from './check.worker';

export interface DraftCheck {
  /** The text `issues` are about; null until the first answer. */
  checked: string | null;
  issues: ConfigIssue[];
  /** What loads but is ignored (a second YAML document): shown, never blocking. */
  warnings: ConfigIssue[];
  checkNow(text: string): Promise<ConfigIssue[]>;
}

export function useDraftCheck(text: string, delayMs: number): DraftCheck {
  const worker = useRef<Worker | null>(null);
  const waiting = useRef(new Map<number, (answer: CheckResponse) => void>());
  const seq = useRef(0);
  const [answer, setAnswer] = useState<{ checked: string | null; issues: ConfigIssue[]; warnings: ConfigIssue[] }>({ checked: null, issues: [], warnings: [] });

  // One worker per editor, created on first use and ended with the editor.
  const workerFor = useCallback((): Worker => {
    if (worker.current) return worker.current;
    const w = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = ({ data }: MessageEvent<CheckResponse>) => {
      const resolve = waiting.current.get(data.seq);
      waiting.current.delete(data.seq);
      resolve?.(data);
    };
    return (worker.current = w);
  }, []);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
      waiting.current.clear();
    },
    [],
  );

  const ask = useCallback(
    (draft: string) =>
      new Promise<CheckResponse>((resolve) => {
        const id = ++seq.current;
        waiting.current.set(id, resolve);
        workerFor().postMessage({ seq: id, text: draft } satisfies CheckRequest);
      }),
    [workerFor],
  );
  const checkNow = useCallback((draft: string) => ask(draft).then((a) => a.issues), [ask]);

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      void ask(text).then(({ issues, warnings }) => {
        // A newer text is being typed or checked: this answer is about the past.
        if (!stale) setAnswer({ checked: text, issues, warnings });
      });
    }, delayMs);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [text, delayMs, ask]);

  return { ...answer, checkNow };
}
