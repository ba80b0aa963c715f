// /task-runs: every run, newest first, filtered and paged on the server; rows change live.
import { api } from '../api.js';
import { on } from '../live.js';
import { esc, time, runDuration, badge, outcome, adhocBadge, chain, STATUSES, throttle, EYE } from '../format.js';
import { navigate } from '../app.js';
import { groupsByTask } from '../tasksCache.js';

const RANGES = ['6h', '12h', '24h', '3d', '7d'];
const PAGE = 50;

export async function render(main, _params, query) {
  const state = {
    name: query.get('name') || '',
    status: query.get('status') || '',
    range: query.get('range') || '',
    page: Math.max(1, parseInt(query.get('page') || '1', 10) || 1),
  };
  main.innerHTML = `
    <h1>Task Runs</h1>
    <div class="filters">
      <input type="search" id="f-name" placeholder="Search task name" value="${esc(state.name)}" aria-label="Search by task name">
      <select id="f-status" aria-label="Status">
        <option value="">All statuses</option>
        ${STATUSES.map(s => `<option value="${s}" ${s === state.status ? 'selected' : ''}>${s}</option>`).join('')}
      </select>
      <span class="seg" id="f-range" role="group" aria-label="Time range">
        ${RANGES.map(r => `<button type="button" data-range="${r}" class="${r === state.range ? 'on' : ''}">${r}</button>`).join('')}
        <button type="button" data-range="" class="${state.range ? '' : 'on'}">All</button>
      </span>
      <span class="muted small" id="count"></span>
    </div>
    <table class="grid" id="runs">
      <thead><tr><th>Task</th><th>Group</th><th>Trigger Time</th><th>Lifecycle</th><th>Status</th><th>Agent</th><th>Started</th><th>Finished</th><th>Duration</th><th>Logs</th><th></th></tr></thead>
      <tbody><tr><td colspan="11" class="muted">Loading…</td></tr></tbody>
    </table>
    <div class="pager"><button id="prev">‹ Previous</button><span id="pageinfo" class="muted"></span><button id="next">Next ›</button></div>`;

  const tbody = main.querySelector('tbody');
  let rows = [];
  let groups = new Map();
  let total = 0;

  const url = () => {
    const q = new URLSearchParams();
    if (state.name) q.set('name', state.name);
    if (state.status) q.set('status', state.status);
    if (state.range) q.set('range', state.range);
    if (state.page > 1) q.set('page', state.page);
    return '/task-runs' + (q.toString() ? '?' + q : '');
  };

  async function load() {
    const q = new URLSearchParams({ offset: (state.page - 1) * PAGE, limit: PAGE });
    if (state.name) q.set('name', state.name);
    if (state.status) q.set('status', state.status);
    if (state.range) q.set('since', state.range);
    // The rows first; the Group column fills in when the (cached) task list has come.
    const named = groupsByTask().then(g => { const fresh = g !== groups; groups = g; if (fresh) draw(); }).catch(console.error);
    const page = await api('/api/v1/runs/page?' + q);
    rows = page.runs;
    total = page.total;
    draw();
    await named;
  }

  function row(run) {
    return `<tr data-run-id="${esc(run.run_id)}" data-status="${esc(run.status)}">
      <td><a href="/task-runs/${esc(run.run_id)}">${esc(run.task)}</a>${adhocBadge(run)}</td>
      <td>${esc(groups.get(run.task) || '—')}</td>
      <td>${time(run.scheduled_for)}</td>
      <td>${chain(run)}</td>
      <td>${badge(run.status)}${outcome(run)}</td>
      <td>${esc(run.host)}</td>
      <td>${time(run.started_at)}</td>
      <td>${time(run.finished_at)}</td>
      <td>${runDuration(run)}</td>
      <td><a href="/task-runs/${esc(run.run_id)}?tab=output">Logs</a></td>
      <td><a class="eye" href="/task-runs/${esc(run.run_id)}" title="Open run detail" aria-label="Open run detail">${EYE}</a></td>
    </tr>`;
  }

  function draw() {
    tbody.innerHTML = rows.length ? rows.map(row).join('') : `<tr><td colspan="11" class="muted">No runs match these filters.</td></tr>`;
    const from = total === 0 ? 0 : (state.page - 1) * PAGE + 1;
    main.querySelector('#pageinfo').textContent = `${from}–${Math.min(total, state.page * PAGE)} of ${total}`;
    main.querySelector('#count').textContent = `${total} run${total === 1 ? '' : 's'}`;
    main.querySelector('#prev').disabled = state.page <= 1;
    main.querySelector('#next').disabled = state.page * PAGE >= total;
  }

  function apply() {
    navigate(url(), true);
  }

  let typing;
  main.querySelector('#f-name').addEventListener('input', e => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.name = e.target.value.trim(); state.page = 1; apply(); }, 300);
  });
  main.querySelector('#f-status').addEventListener('change', e => { state.status = e.target.value; state.page = 1; apply(); });
  main.querySelector('#f-range').addEventListener('click', e => {
    const b = e.target.closest('button');
    if (b) { state.range = b.dataset.range; state.page = 1; apply(); }
  });
  main.querySelector('#prev').addEventListener('click', () => { state.page--; apply(); });
  main.querySelector('#next').addEventListener('click', () => { state.page++; apply(); });

  await load();
  // A run already on screen changes in place at once; new runs (and ones leaving the filter) come with a reload.
  const reload = throttle(() => load().catch(console.error), 500);
  const ticker = setInterval(() => {
    for (const run of rows.filter(r => r.status === 'RUNNING')) {
      const tr = tbody.querySelector(`tr[data-run-id="${CSS.escape(run.run_id)}"]`);
      if (tr) tr.children[8].textContent = runDuration(run);
    }
  }, 1000);
  const offs = [
    on('run', run => {
      const i = rows.findIndex(r => r.run_id === run.run_id);
      if (i >= 0) {
        rows[i] = run;
        const tr = tbody.querySelector(`tr[data-run-id="${CSS.escape(run.run_id)}"]`);
        if (tr) tr.outerHTML = row(run);
      }
      reload();
    }),
    on('reconnected', reload),
  ];
  return () => { offs.forEach(off => off()); clearInterval(ticker); };
}
