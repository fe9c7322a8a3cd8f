// A partner key's origins: exact `scheme://host[:port]` values, as a browser sends them in
// the Origin header. One normal form for what an admin types and what a browser sends, so
// `HTTPS://Radio.Example:443/` and `https://radio.example` are the same origin.

/** Why `input` is not an origin, or null when it is one. */
export function originProblem(input: string): string | null {
  if (input === 'null') return '"null" is the origin of sandboxed and file pages, which anyone can be: not allowed';
  if (input.includes('*')) return 'wildcards are not allowed: list each origin';
  let u: URL;
  try {
    u = new URL(input);
  } catch {
    return 'not a URL of the form scheme://host[:port]';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'the scheme must be http or https';
  if (u.username || u.password) return 'no user or password';
  if (u.pathname !== '/' || u.search || u.hash || /[?#]/.test(input)) return 'an origin has no path, query or fragment';
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]+\/?$/i.test(input)) return 'not of the form scheme://host[:port]';
  return null;
}

/** The browser's form of an origin (lower case, no default port, no trailing slash); null when it is none. */
export function normalOrigin(input: string): string | null {
  return originProblem(input) === null ? new URL(input).origin : null;
}
