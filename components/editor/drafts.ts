// Unsaved edits survive a reload of the page: the draft (text and commit message) is kept in
// localStorage under the commit it was based on, so a draft never silently lands on a newer
// HEAD; a draft on an older base is offered back through the three-way merge instead.

export interface Draft {
  content: string;
  message: string;
  savedAt: number;
}

/** The subset of Storage the drafts use (localStorage in the page, a Map in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

const PREFIX = 'hotconf:draft:';

export function draftKey(baseCommit: string): string {
  return PREFIX + baseCommit;
}

export function loadDraft(storage: DraftStorage, baseCommit: string): Draft | null {
  return parse(storage.getItem(draftKey(baseCommit)));
}

/** Saves the draft; an edit that is back to the base text with no message is no draft. */
export function saveDraft(storage: DraftStorage, baseCommit: string, baseContent: string, draft: Omit<Draft, 'savedAt'>, now = Date.now()): void {
  if (draft.content === baseContent && draft.message.trim() === '') {
    storage.removeItem(draftKey(baseCommit));
    return;
  }
  try {
    storage.setItem(draftKey(baseCommit), JSON.stringify({ ...draft, savedAt: now }));
  } catch {
    // Storage full or disabled (private mode): the edit still lives in the page, and
    // leaving the page asks first; losing only the crash-safety is the right trade.
  }
}

export function clearDraft(storage: DraftStorage, baseCommit: string): void {
  storage.removeItem(draftKey(baseCommit));
}

/** Drafts based on other commits than `currentBase`, newest first. */
export function otherDrafts(storage: DraftStorage, currentBase: string): { base: string; draft: Draft }[] {
  const found: { base: string; draft: Draft }[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    const base = key.slice(PREFIX.length);
    const draft = parse(storage.getItem(key));
    if (base !== currentBase && draft) found.push({ base, draft });
  }
  return found.sort((a, b) => b.draft.savedAt - a.draft.savedAt);
}

function parse(raw: string | null): Draft | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<Draft>;
    if (typeof value.content !== 'string' || typeof value.message !== 'string') return null;
    return { content: value.content, message: value.message, savedAt: typeof value.savedAt === 'number' ? value.savedAt : 0 };
  } catch {
    return null;
  }
}
