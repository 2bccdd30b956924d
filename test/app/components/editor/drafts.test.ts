import { describe, expect, it } from 'vitest';
import { clearDraft, loadDraft, otherDrafts, saveDraft, type DraftStorage } from '../../../../components/editor/drafts';

function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

describe('drafts', () => {
  it('round-trips a draft under its base commit', () => {
    const s = memoryStorage();
    saveDraft(s, 'abc1234', 'base', { content: 'edited', message: 'msg' }, 5);
    expect(loadDraft(s, 'abc1234')).toEqual({ content: 'edited', message: 'msg', savedAt: 5 });
    expect(loadDraft(s, 'def5678')).toBeNull();
  });

  it('drops the draft when the edit is back to the base text without a message', () => {
    const s = memoryStorage();
    saveDraft(s, 'abc1234', 'base', { content: 'edited', message: '' });
    saveDraft(s, 'abc1234', 'base', { content: 'base', message: '' });
    expect(s.map.size).toBe(0);
  });

  it('ignores garbage in storage', () => {
    const s = memoryStorage();
    s.setItem('hotconf:draft:abc1234', '{not json');
    s.setItem('hotconf:draft:def5678', '{"content": 3}');
    expect(loadDraft(s, 'abc1234')).toBeNull();
    expect(otherDrafts(s, 'x')).toEqual([]);
  });

  it('lists drafts of other bases newest first, not the current one nor foreign keys', () => {
    const s = memoryStorage();
    saveDraft(s, 'old1', 'b', { content: 'one', message: '' }, 1);
    saveDraft(s, 'old2', 'b', { content: 'two', message: '' }, 2);
    saveDraft(s, 'head', 'b', { content: 'now', message: '' }, 3);
    s.setItem('unrelated', 'x');
    expect(otherDrafts(s, 'head').map((d) => d.base)).toEqual(['old2', 'old1']);
    clearDraft(s, 'old2');
    expect(otherDrafts(s, 'head').map((d) => d.base)).toEqual(['old1']);
  });

  it('keeps working when storage refuses to save', () => {
    const s = memoryStorage();
    s.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(() => saveDraft(s, 'abc', 'b', { content: 'x', message: '' })).not.toThrow();
  });
});
