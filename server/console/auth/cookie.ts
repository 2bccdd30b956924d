// The session cookie. HttpOnly (no script reads it), SameSite=Strict (no other site's page
// sends it), Path=/, Max-Age = the session's lifetime, Secure when the console is reached
// over TLS (directly, or through the trusted proxy that says so).
export const SESSION_COOKIE = 'hotconf_session';

export function sessionCookie(id: string, maxAgeS: number, secure: boolean): string {
  return [`${SESSION_COOKIE}=${id}`, 'Path=/', `Max-Age=${maxAgeS}`, 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}

/** The session id the request carries, if any. */
export function sessionIdOf(cookieHeader: string | null): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      const id = value.join('=');
      return /^[A-Za-z0-9_-]{43}$/.test(id) ? id : undefined;
    }
  }
  return undefined;
}
