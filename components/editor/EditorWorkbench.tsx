'use client';
// The editor page's state: the base commit the edit started from, the draft (kept in
// localStorage), the live check, the service's plan, Apply, and the three-way merge when
// HEAD moved in the meantime. The pieces it lays out are plain components next to it.
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ConfigIssue } from '../../server/contract/config';
import { ApiError, api, type HeadConfig } from '../hooks/api';
import { useReloadSince, useReloadStore } from '../hooks/event-stream';
import { queryKeys, useApply, useHeadConfig, usePlan, useSchema, useStatus } from '../hooks/queries';
import { useDebounced } from '../hooks/useDebounced';
import { useLeaveGuard } from '../hooks/useLeaveGuard';
import { Waterfall } from '../reload/Waterfall';
import { withAllPhases } from '../reload/waterfall';
import { ErrorNote } from '../ui/ErrorNote';
import { diffStat } from '../ui/line-diff';
import { Sha } from '../ui/Sha';
import { applyBlocker } from './apply-gate';
import { ApplyBar } from './ApplyBar';
import { ConflictView, type ConflictState } from './ConflictView';
import { DraftNotices, type OldDraft } from './DraftNotices';
import { clearDraft, loadDraft, otherDrafts, saveDraft, type Draft } from './drafts';
import { EditorTabs, type EditorTab } from './EditorTabs';
import { IssueList } from './IssueList';
import { countConflictMarkers, MARK_THEIRS, merge3 } from './merge';
import { PlanPanel, planStateOf } from './PlanPanel';
import { useDraftCheck } from './useDraftCheck';
import type { CodeEditor } from './YamlEditor';

/** Typing pauses this long before the draft is sent to the check worker (and saved). The
 *  marker must be on screen within 100 ms of the keystroke; the check takes ~5–20 ms on a
 *  5,000-line config in the worker (the config core, reusing unchanged chunks), so the
 *  pause is the largest share: short enough to leave room for the check, a render and
 *  Monaco's next frame; long enough that a burst of typing (keys ~30 ms apart) checks once
 *  at the end, not on every key. The main thread only posts the text and draws. */
const CHECK_DELAY_MS = 35;
/** …and this long before the service is asked for a plan. */
const PLAN_DELAY_MS = 500;

const LEAVE_QUESTION = 'Leave the editor? Your unapplied edit stays saved as a draft in this browser.';

export function EditorWorkbench() {
  const router = useRouter();
  const client = useQueryClient();
  const head = useHeadConfig();
  const schema = useSchema();
  const status = useStatus();
  const apply = useApply();
  const store = useReloadStore();

  const [base, setBase] = useState<HeadConfig | null>(null);
  const [content, setContent] = useState('');
  const [message, setMessage] = useState('');
  const [restored, setRestored] = useState<Draft | null>(null);
  const [oldDrafts, setOldDrafts] = useState<OldDraft[]>([]);
  const [recoverError, setRecoverError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const [conflictHidden, setConflictHidden] = useState(false);
  const [serverIssues, setServerIssues] = useState<{ content: string; issues: ConfigIssue[] } | null>(null);
  const [tab, setTab] = useState<EditorTab>('edit');
  const [applyMark, setApplyMark] = useState<number | null>(null);
  const [revealLine, setRevealLine] = useState<number | null>(null);
  const editorRef = useRef<CodeEditor | null>(null);
  const applied = useRef(false);

  // Start from HEAD (or the draft saved on it) once; HEAD moving later must not move the
  // base under the operator's edit — Apply detects that and merges instead.
  useEffect(() => {
    if (base || !head.data) return;
    const draft = loadDraft(localStorage, head.data.commit);
    setBase(head.data);
    setContent(draft?.content ?? head.data.content);
    setMessage(draft?.message ?? '');
    setRestored(draft);
    setOldDrafts(otherDrafts(localStorage, head.data.commit));
  }, [base, head.data]);

  const check = useDraftCheck(content, CHECK_DELAY_MS);
  const settled = useDebounced(content, CHECK_DELAY_MS);
  const localIssues = check.issues;
  const issues = serverIssues && serverIssues.content === content ? serverIssues.issues : localIssues;

  useEffect(() => {
    // Only a settled text is saved: right after a merge moves the base, `checked` still
    // holds the pre-merge text, which must never be stored as a draft of the new base.
    if (base && !applied.current && settled === content) saveDraft(localStorage, base.commit, base.content, { content, message });
  }, [base, settled, content, message]);

  const planText = useDebounced(content, PLAN_DELAY_MS);
  const planWanted = base !== null && planText === check.checked && planText !== base.content && localIssues.length === 0;
  const plan = usePlan(base?.commit ?? '', planText, planWanted);
  const currentPlan = plan.data && !plan.isPlaceholderData && planText === content ? plan.data : null;

  const dirty = base !== null && content !== base.content;
  useLeaveGuard(dirty && !applied.current, LEAVE_QUESTION);

  // After a merge, show the first conflict block. The editor (a child) has taken the new
  // text in its own effect by the time this one runs.
  useEffect(() => {
    if (revealLine === null) return;
    editorRef.current?.revealLineInCenter(revealLine);
    editorRef.current?.setPosition({ lineNumber: revealLine, column: 1 });
    setRevealLine(null);
  }, [revealLine, content]);

  const applying = useReloadSince(apply.isPending ? applyMark : null);
  const remainingConflicts = useMemo(() => countConflictMarkers(content), [content]);

  if (head.error && !base) return <ErrorNote error={head.error} title="Cannot read config.yaml at HEAD" />;
  if (!base) return <p role="status" className="muted">Loading config.yaml at HEAD…</p>;

  const blocker = applyBlocker({ content, baseContent: base.content, message, issues, plan: currentPlan });
  const stat = diffStat(base.content, settled);
  const headMoved = status.data?.head_commit && status.data.head_commit !== base.commit ? status.data.head_commit : null;

  const planState = planStateOf({ dirty, localIssues: localIssues.length, plan, settled: planText === content });

  function startMerge(from: HeadConfig, theirs: HeadConfig, mine: string, why: ConflictState['why']) {
    const merged = merge3(from.content, theirs.content, mine, {
      theirs: `theirs (HEAD ${theirs.commit.slice(0, 7)})`,
      base: `base (${from.commit.slice(0, 7)})`,
      mine: 'mine (your edit)',
    });
    clearDraft(localStorage, from.commit);
    setConflict({ base: from, theirs, mine, conflicts: merged.conflicts, why });
    setConflictHidden(false);
    setBase(theirs);
    setContent(merged.text);
    const marker = merged.text.split('\n').findIndex((line) => line.startsWith(MARK_THEIRS));
    if (marker >= 0) setRevealLine(marker + 1);
    setServerIssues(null);
    client.setQueryData(queryKeys.head, theirs);
  }

  async function onApply() {
    if (!base) return;
    // The debounced check may be a keystroke behind: check exactly what is sent.
    const fresh = await check.checkNow(content);
    if (fresh.length > 0) {
      setServerIssues({ content, issues: fresh });
      return;
    }
    setApplyMark(store.mark());
    const from = base;
    apply.mutate(
      { content, message: message.trim(), base_commit: from.commit },
      {
        onSuccess: (result) => {
          applied.current = true;
          clearDraft(localStorage, from.commit);
          router.push(result.reload ? `/reloads/${result.reload.id}` : '/reloads/live');
        },
        onError: (error) => {
          if (!(error instanceof ApiError)) return;
          if (error.conflict) startMerge(from, error.conflict, content, 'stale_base');
          else if (error.status === 422) setServerIssues({ content, issues: error.issues });
          // Committed, but the service was not reloaded: the edit is HEAD now, so the
          // draft is done and the editor continues from the new HEAD.
          else if (error.committed) void continueFromHead(from);
        },
      },
    );
  }

  async function continueFromHead(from: HeadConfig) {
    clearDraft(localStorage, from.commit);
    const fresh = await client.fetchQuery({ queryKey: queryKeys.head, queryFn: api.headConfig, staleTime: 0 });
    setBase(fresh);
    setContent(fresh.content);
    setMessage('');
    setConflict(null);
  }

  async function recover(entry: OldDraft) {
    if (!base) return;
    setRecoverError(null);
    try {
      const old = await client.fetchQuery({ queryKey: queryKeys.commit(entry.base), queryFn: () => api.commit(entry.base) });
      startMerge({ commit: entry.base, content: old.content }, base, entry.draft.content, 'old_draft');
      if (!message.trim()) setMessage(entry.draft.message);
      setOldDrafts((list) => list.filter((d) => d.base !== entry.base));
    } catch (err) {
      setRecoverError(err);
    }
  }

  function discardOld(entry: OldDraft) {
    clearDraft(localStorage, entry.base);
    setOldDrafts((list) => list.filter((d) => d.base !== entry.base));
  }

  function jumpTo(issue: ConfigIssue) {
    setTab('edit');
    const editor = editorRef.current;
    if (!editor) return;
    const lineNumber = issue.line ?? 1;
    editor.revealLineInCenter(lineNumber);
    editor.setPosition({ lineNumber, column: issue.column ?? 1 });
    editor.focus();
  }

  function discardEdit() {
    if (!base || !window.confirm('Discard your edit and go back to HEAD’s content?')) return;
    setContent(base.content);
    setMessage('');
    setConflict(null);
    clearDraft(localStorage, base.commit);
  }

  return (
    <div className="workbench stack">
      <p className="toolbar muted">
        <span>
          Editing <code>config.yaml</code> at <Sha sha={base.commit} testId="base-commit" />
        </span>
        {dirty ? (
          <button type="button" className="link-button" onClick={discardEdit}>
            Discard my edit
          </button>
        ) : null}
      </p>

      <DraftNotices
        restored={restored}
        dirty={dirty}
        headMoved={conflict ? null : headMoved}
        oldDrafts={oldDrafts}
        onRecover={(entry) => void recover(entry)}
        onDiscard={discardOld}
        recoverError={recoverError}
      />

      {conflict && !conflictHidden ? (
        <ConflictView
          conflict={conflict}
          remaining={remainingConflicts}
          onReplace={setContent}
          onRemerge={() => setContent(merge3(conflict.base.content, conflict.theirs.content, conflict.mine).text)}
          onDismiss={() => setConflictHidden(true)}
        />
      ) : null}

      <div className="workbench-grid">
        <div className="editor-column">
          <EditorTabs tab={tab} onTab={setTab} base={base} content={content} onChange={setContent} stat={stat} issues={issues} warnings={check.warnings} schema={schema.data} onEditor={(e) => (editorRef.current = e)} />
          <IssueList issues={issues} warnings={check.warnings} onJump={jumpTo} checking={check.checked !== content} />
        </div>

        <aside className="side-column stack" aria-label="Plan and apply">
          <ApplyBar message={message} onMessage={setMessage} blocker={blocker} pending={apply.isPending} baseCommit={base.commit} onApply={() => void onApply()} />
          {apply.error && !(apply.error instanceof ApiError && (apply.error.conflict || apply.error.status === 422)) ? <ErrorNote error={apply.error} title="Apply failed" /> : null}
          {apply.error instanceof ApiError && apply.error.status === 422 ? <ErrorNote error={apply.error} title="The console refused the config; nothing was committed" /> : null}
          {apply.isPending && applying ? (
            <section aria-label="Reload in progress" className="card">
              <h2>Reload #{applying.id}</h2>
              <Waterfall steps={withAllPhases(applying.phases)} />
            </section>
          ) : null}
          <PlanPanel state={planState} />
        </aside>
      </div>
    </div>
  );
}
