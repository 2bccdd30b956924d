'use client';
// Signs out (DELETE /api/session ends the session on the server, not only the cookie) and
// goes to the sign-in page.
import { useState } from 'react';

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    try {
      await fetch('/api/session', { method: 'DELETE', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    } finally {
      window.location.assign('/signin');
    }
  };
  return (
    <button type="button" className="link-button" data-testid="sign-out" onClick={() => void signOut()} disabled={busy}>
      Sign out
    </button>
  );
}
