// URLs as Go's net/url.Parse reads them (Go 1.19, what Alertmanager 0.25 is built with), so a
// URL field is refused exactly when Alertmanager refuses it. The WHATWG URL parser of
// JavaScript is more forgiving (`http:///x` gets the host "x", a space in a host is escaped),
// which would let through files Alertmanager rejects. Messages name the problem, never the URL:
// URL fields may carry credentials.

export type GoUrl = { scheme: string; host: string; opaque: boolean } | { error: string };

export function parseGoUrl(raw: string): GoUrl {
  if (/[\x00-\x1f\x7f]/.test(raw)) return { error: 'contains a control character' };
  const hash = raw.indexOf('#');
  const fragment = hash === -1 ? '' : raw.slice(hash + 1);
  let rest = hash === -1 ? raw : raw.slice(0, hash);
  if (badEscape(fragment)) return { error: 'has an invalid %-escape' };

  const schemeEnd = schemeLength(rest);
  if (schemeEnd === 'missing') return { error: 'is missing the scheme before ":"' };
  const scheme = schemeEnd > 0 ? rest.slice(0, schemeEnd).toLowerCase() : '';
  if (schemeEnd > 0) rest = rest.slice(schemeEnd + 1);
  const q = rest.indexOf('?');
  if (q !== -1) rest = rest.slice(0, q);

  if (!rest.startsWith('/')) {
    if (scheme !== '') return { scheme, host: '', opaque: true };
    const segment = rest.split('/', 1)[0] ?? '';
    if (segment.includes(':')) return { error: 'has a colon in its first path segment (missing scheme?)' };
  }
  let host = '';
  if (rest.startsWith('//') && (scheme !== '' || !rest.startsWith('///'))) {
    const authorityEnd = rest.indexOf('/', 2);
    const authority = authorityEnd === -1 ? rest.slice(2) : rest.slice(2, authorityEnd);
    rest = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
    const at = authority.lastIndexOf('@');
    if (at !== -1 && !/^[A-Za-z0-9\-._~!$&'()*+,;=:%@]*$/.test(authority.slice(0, at))) return { error: 'has invalid user information' };
    if (at !== -1 && badEscape(authority.slice(0, at))) return { error: 'has an invalid %-escape in its user information' };
    host = authority.slice(at + 1);
    const problem = hostProblem(host);
    if (problem) return { error: problem };
  }
  if (badEscape(rest)) return { error: 'has an invalid %-escape in its path' };
  return { scheme, host, opaque: false };
}

/** Index of the ':' ending the scheme, 0 when there is no scheme, 'missing' for a leading ':'. */
function schemeLength(s: string): number | 'missing' {
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return 0;
      continue;
    }
    if (c === ':') return i === 0 ? 'missing' : i;
    return 0;
  }
  return 0;
}

function badEscape(s: string): boolean {
  return /%(?![0-9A-Fa-f]{2})/.test(s);
}

/** Go's parseHost: an optional :port of digits, and no character a host may not hold. */
function hostProblem(host: string): string | null {
  let name = host;
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close === -1) return "has a '[' without ']' in its host";
    if (!/^(?::\d*)?$/.test(host.slice(close + 1))) return 'has an invalid port after its host';
    name = host.slice(1, close);
  } else {
    const colon = host.lastIndexOf(':');
    if (colon !== -1) {
      if (!/^\d*$/.test(host.slice(colon + 1))) return 'has an invalid port after its host';
      name = host.slice(0, colon);
    }
  }
  // Go refuses an escape of an ASCII character in a host (other than %25 in an IPv6 zone).
  for (const m of name.matchAll(/%(..)/g)) {
    if (!/^[0-9A-Fa-f]{2}$/.test(m[1]!)) return 'has an invalid %-escape in its host';
    if (parseInt(m[1]![0]!, 16) < 8 && m[1] !== '25') return 'has an escaped character in its host';
  }
  for (const c of name) {
    if (c.charCodeAt(0) < 0x80 && !/[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%]/.test(c)) return 'has a character a host name cannot hold';
  }
  return null;
}
