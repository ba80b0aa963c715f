// The console's one door to the scheduler's HTTP API: JSON in and out, problem details turned into messages,
// a 401 sends the browser to the login page. A token saved at login travels as a bearer header.
export class ApiError extends Error {
  constructor(status, problem) {
    const fields = problem?.errors ? Object.entries(problem.errors).map(([f, m]) => `${f}: ${[].concat(m).join('; ')}`).join('\n') : '';
    super(fields || problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

const TOKEN = 'easytask.token';
export const token = { get: () => localStorage.getItem(TOKEN), set: t => t ? localStorage.setItem(TOKEN, t) : localStorage.removeItem(TOKEN) };

export function authHeaders() {
  const t = token.get();
  return t ? { Authorization: `Bearer ${t}` } : {};
}

export async function api(path, { method = 'GET', body, raw = false } = {}) {
  const headers = { Accept: 'application/json', ...authHeaders() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
  if (res.status === 401 && !location.pathname.startsWith('/login')) {
    location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
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

// The signed-in identity and its role; without authentication configured, everyone may do everything.
const ROLES = ['viewer', 'operator', 'admin'];
let me = null;
export async function loadMe() {
  for (const path of ['/api/v1/auth/me', '/api/v1/me']) {
    try {
      const found = await api(path);
      if (found) { me = found; return me; }
    } catch (e) {
      if (e.status !== 404 && e.status !== 405) break;
    }
  }
  me = me || { name: null, role: 'admin', anonymous: true };
  return me;
}
export function can(role) {
  const have = ROLES.indexOf(((me && (me.role || (me.roles && me.roles[me.roles.length - 1]))) || 'admin').toLowerCase());
  return have >= ROLES.indexOf(role);
}
export const identity = () => me;
