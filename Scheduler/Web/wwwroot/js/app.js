// The console shell: a small router over the History API. Each page module exports render(main, params, query)
// and may return a cleanup function, called when the user leaves the page.
import { loadMe, identity, can, signOut } from './api.js';
import { connect, on } from './live.js';
import { esc } from './format.js';

const routes = [
  [/^\/$/, () => ({ redirect: '/task-runs' })],
  [/^\/task-runs\/?$/, () => import('./pages/taskRuns.js')],
  [/^\/task-runs\/([^/]+)$/, () => import('./pages/runDetail.js')],
  [/^\/tasks\/?$/, () => import('./pages/tasks.js')],
  [/^\/tasks\/([^/]+)$/, () => import('./pages/taskDetail.js')],
  [/^\/agents\/?$/, () => import('./pages/agents.js')],
  [/^\/failed\/?$/, () => import('./pages/failed.js')],
  [/^\/monitoring\/?$/, () => import('./pages/monitoring.js')],
  [/^\/adhoc\/?$/, () => import('./pages/adhoc.js')],
];

let cleanup = null;
const main = document.getElementById('main');

export function navigate(url, replace = false) {
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  route();
}

async function route() {
  if (typeof cleanup === 'function') { try { cleanup(); } catch (e) { console.error(e); } }
  cleanup = null;
  const path = location.pathname;
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', path === a.getAttribute('href') || path.startsWith(a.getAttribute('href') + '/'));
  }
  const found = routes.find(([pattern]) => pattern.test(path));
  if (!found) { main.innerHTML = `<h1>Not found</h1><p>No page at ${esc(path)}. <a href="/task-runs">Task Runs</a></p>`; return; }
  const params = path.match(found[0]).slice(1).map(decodeURIComponent);
  const module = await found[1]();
  if (module.redirect) { navigate(module.redirect, true); return; }
  main.innerHTML = '';
  try {
    cleanup = await module.render(main, params, new URLSearchParams(location.search));
  } catch (e) {
    console.error(e);
    main.innerHTML = `<h1>Something went wrong</h1><p class="error">${esc(e.message)}</p><p class="muted">The page loads again by itself when the scheduler answers.</p>`;
    // A page that could not load (the scheduler was unreachable) tries again once the live stream is back.
    cleanup = on('reconnected', () => route());
  }
}

// Same-origin links route in the page; downloads, new tabs and modified clicks behave as usual.
document.addEventListener('click', e => {
  const a = e.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download') || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  e.preventDefault();
  navigate(url.pathname + url.search + url.hash);
});
window.addEventListener('popstate', route);

async function start() {
  await loadMe();
  const me = identity();
  const who = document.getElementById('who');
  if (me && !me.anonymous) {
    who.innerHTML = `${esc(me.name || '')} <span class="muted">(${esc((me.roles || []).join(', '))})</span> <a href="/login" id="logout">Sign out</a>`;
    document.getElementById('logout').addEventListener('click', e => { e.preventDefault(); e.stopPropagation(); signOut(); });
  }
  for (const el of document.querySelectorAll('[data-permission]')) el.hidden = !can(el.dataset.permission);
  connect();
  await route();
}
start();
