// The console's one door to the scheduler's HTTP API: JSON in and out, problem details turned into messages,
// a 401 sends the browser to the login page.
export class ApiError extends Error {
  constructor(status, problem) {
    const fields = problem?.errors ? Object.entries(problem.errors).map(([f, m]) => `${f}: ${[].concat(m).join('; ')}`).join('\n') : '';
    super(fields || problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

// The console signs in with the security feature's session cookie (/login); it sends no credentials of its own.
export function authHeaders() {
  return {};
}

export async function api(path, { method = 'GET', body, raw = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
  if (res.status === 401) {
    location.assign('/login');
    throw new ApiError(401, { title: 'Sign in required' });
  }
  if (!res.ok) {
    let problem = null;
    try { problem = await res.json(); } catch { /* not JSON */ }
    throw new ApiError(res.status, problem);
  }
  if (raw) return res;
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') || '';
  return type.includes('json') ? res.json() : res.text();
}

/** Like api(), but null when the endpoint does not exist on this server (404/405): for features other parts add. */
export async function optional(path, options) {
  try {
    return await api(path, options);
  } catch (e) {
    if (e.status === 404 || e.status === 405) return null;
    throw e;
  }
}

// Who is signed in and what they may do (GET /api/v1/session): buttons a role may not use are not offered.
let me = null;
export async function loadMe() {
  try {
    me = await api('/api/v1/session');
  } catch (e) {
    // A server without the session endpoint has no authentication: everything is allowed.
    if (e.status === 404 || e.status === 405) me = { name: null, roles: ['admin'], permissions: ['read', 'operate', 'define', 'adhoc'], anonymous: true };
    else throw e;
  }
  return me;
}

/** True when the signed-in caller holds the permission: read, operate, define or adhoc. */
export const can = permission => !me || (me.permissions || []).includes(permission);
export const identity = () => me;

export async function signOut() {
  await fetch('/api/v1/session', { method: 'DELETE', credentials: 'same-origin' }).catch(() => {});
  location.assign('/login');
}
