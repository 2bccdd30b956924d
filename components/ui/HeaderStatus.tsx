'use client';
// The right side of the header: whether the live event stream is connected, who is signed
// in (the author of the commits made here), and signing out.
import { useConnection } from '../hooks/event-stream';
import { useStatus } from '../hooks/queries';
import { SignOutButton } from './SignOutButton';

const CONNECTION_TEXT = { live: 'live', connecting: 'connecting…', offline: 'offline' } as const;

export function HeaderStatus() {
  const connection = useConnection();
  const status = useStatus();
  const user = displayName(status.data?.user);
  return (
    <div className="header-status">
      <span className={`connection connection-${connection}`} data-testid="connection" data-state={connection} title="Reload event stream">
        <span aria-hidden="true" className="dot" />
        {CONNECTION_TEXT[connection]}
      </span>
      {user ? (
        <span className="user" data-testid="current-user" title="Commits are authored as this user">
          <span className="visually-hidden">Signed in as </span>
          {user}
        </span>
      ) : null}
      {user ? <SignOutButton /> : null}
    </div>
  );
}

/** "Ada <ada@example.org>" → "Ada". */
function displayName(user: string | null | undefined): string | null {
  if (!user) return null;
  return user.replace(/\s*<[^>]*>\s*$/, '').trim() || user;
}
