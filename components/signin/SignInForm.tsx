'use client';
// The sign-in form: POST /api/session as JSON (never a form post: the console refuses those),
// then on to the page the visitor first asked for — a path of this console only, so the
// link cannot send anyone elsewhere.
import { useState, type FormEvent } from 'react';

export function SignInForm() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: form.get('user'), password: form.get('password') }),
      });
      if (res.status === 204) {
        window.location.assign(nextPath());
        return;
      }
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(body?.error?.message ?? `sign-in failed (HTTP ${res.status})`);
    } catch (err) {
      setError(`the console did not answer: ${(err as Error).message}`);
    }
    setBusy(false);
  };

  return (
    <form className="signin-form" onSubmit={(e) => void submit(e)} data-testid="signin-form">
      <label>
        User
        <input name="user" autoComplete="username" required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" className="button primary" disabled={busy}>
        Sign in
      </button>
      {error ? (
        <p role="alert" className="error-note" data-testid="signin-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get('next') ?? '/';
  // "/x" stays on this console; "//host" and "/\host" would leave it.
  return /^\/(?![/\\])/.test(next) ? next : '/';
}
