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
  checkNow(text: string): Promise<ConfigIssue[]>;
}

export function useDraftCheck(text: string, delayMs: number): DraftCheck {
  const worker = useRef<Worker | null>(null);
  const waiting = useRef(new Map<number, (issues: ConfigIssue[]) => void>());
  const seq = useRef(0);
  const [answer, setAnswer] = useState<{ checked: string | null; issues: ConfigIssue[] }>({ checked: null, issues: [] });

  // One worker per editor, created on first use and ended with the editor.
  const workerFor = useCallback((): Worker => {
    if (worker.current) return worker.current;
    const w = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = ({ data }: MessageEvent<CheckResponse>) => {
      const resolve = waiting.current.get(data.seq);
      waiting.current.delete(data.seq);
      resolve?.(data.issues);
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

  const checkNow = useCallback(
    (draft: string) =>
      new Promise<ConfigIssue[]>((resolve) => {
        const id = ++seq.current;
        waiting.current.set(id, resolve);
        workerFor().postMessage({ seq: id, text: draft } satisfies CheckRequest);
      }),
    [workerFor],
  );

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      void checkNow(text).then((issues) => {
        // A newer text is being typed or checked: this answer is about the past.
        if (!stale) setAnswer({ checked: text, issues });
      });
    }, delayMs);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [text, delayMs, checkNow]);

  return { ...answer, checkNow };
}
