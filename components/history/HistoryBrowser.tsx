'use client';
// The history page's two halves: the commit list and the selected commit (?sha=…).
import { useSearchParams } from 'next/navigation';
import { CommitDetail } from './CommitDetail';
import { CommitList } from './CommitList';

const SHA = /^[0-9a-f]{7,40}$/;

export function HistoryBrowser() {
  const param = useSearchParams().get('sha');
  const selected = param && SHA.test(param) ? param : null;
  return (
    <div className="history-grid">
      <CommitList selected={selected} />
      <CommitDetail sha={selected} />
    </div>
  );
}
