'use client';
// A timestamp as "3 minutes ago", with the exact time on hover. The relative text is only
// computed after mount so the server's and the browser's clocks never disagree in markup.
import { useEffect, useState } from 'react';
import { exactTime, relativeTime } from './relative-time';

export function Time({ iso }: { iso: string | null | undefined }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!iso) return <span className="muted">never</span>;
  const exact = exactTime(iso);
  return (
    <time dateTime={iso} title={exact}>
      {now === null ? exact : relativeTime(iso, now)}
    </time>
  );
}
