// /task-runs/{run_id}: details card, lifecycle timeline, tabs Overview / Timeline / Attempts / Output / Definition,
// kill and retry, and the unified log viewer. Everything follows the live stream.
import { api, optional, can, toast } from '../apiToast.js';
import { on } from '../live.js';
import { esc, time, runDuration, badge, outcome, adhocBadge, STEPS, FINAL } from '../format.js';
import { createLogViewer } from '../logViewer.js';
import { navigate } from '../app.js';

const TABS = ['overview', 'timeline', 'attempts', 'output', 'definition'];

export async function render(main, [runId], query) {
  let run = await api(`/api/v1/runs/${encodeURIComponent(runId)}`);
  let tab = TABS.includes(query.get('tab')) ? query.get('tab') : 'overview';
  main.innerHTML = `
    <h1><a href="/task-runs" title="Back to Task Runs">←</a> <span id="title"></span>
      <span class="spacer" style="flex:1"></span>
      <button id="kill" class="danger">■ Kill</button>
      <button id="retry">↻ Retry</button>
    </h1>
    <div class="card"><dl class="details" id="details"></dl></div>
    <div class="card"><div class="small muted">Lifecycle</div><div class="timeline" id="lifecycle"></div><div id="waiting" class="small muted"></div></div>
    <div class="tabs" role="tablist">${TABS.map(t => `<button type="button" role="tab" data-tab="${t}">${t[0].toUpperCase() + t.slice(1)}</button>`).join('')}</div>
    <section id="panel"></section>`;
  const viewer = createLogViewer(run);
  const panel = main.querySelector('#panel');

  function drawHead() {
    main.querySelector('#title').innerHTML = `${esc(run.task)} ${badge(run.status)}${outcome(run)}${adhocBadge(run)}`;
    const fields = [
      ['Task', run.tid ? `<a href="/tasks/${encodeURIComponent(run.task)}">${esc(run.task)}</a>` : esc(run.task)],
      ['Agent', esc(run.host)], ['Duration', runDuration(run)], ['Trigger time', time(run.scheduled_for)],
      ['Started', time(run.started_at)], ['Finished', time(run.finished_at)],
      ['Return code', run.return_code ?? '—'], ['Reason', esc(run.reason || '—')], ['Attempt', run.attempt], ['Run id', `<span class="mono small">${esc(run.run_id)}</span>`],
    ];
    main.querySelector('#details').innerHTML = fields.map(([k, v]) => `<div><dt>${k}</dt><dd data-field="${k.toLowerCase().replace(/ /g, '-')}">${v}</dd></div>`).join('');
    main.querySelector('#lifecycle').innerHTML = lifecycle(run);
    main.querySelector('#waiting').textContent = run.waiting_for ? `Waiting: ${run.waiting_for}`
      : run.status === 'TRIGGER' ? `Dispatched to agent ${run.host}; waiting for it to acknowledge` : '';
    const final = FINAL.includes(run.status);
    const kill = main.querySelector('#kill'), retry = main.querySelector('#retry');
    kill.hidden = final || !can('operate');
    retry.hidden = !(run.status === 'FAILED' || run.status === 'TERMINATED') || !can('operate') || run.adhoc;
  }

  async function drawTab() {
    for (const b of main.querySelectorAll('.tabs button')) b.classList.toggle('on', b.dataset.tab === tab);
    panel.innerHTML = '';
    if (tab === 'overview' || tab === 'output') { panel.append(viewer.el); return; }
    panel.innerHTML = '<p class="muted">Loading…</p>';
    if (tab === 'timeline') panel.innerHTML = await timelineHtml(run);
    if (tab === 'attempts') panel.innerHTML = await attemptsHtml(run);
    if (tab === 'definition') panel.innerHTML = await definitionHtml(run);
  }

  main.querySelector('.tabs').addEventListener('click', e => {
    const b = e.target.closest('button');
    if (!b) return;
    tab = b.dataset.tab;
    history.replaceState(null, '', `/task-runs/${encodeURIComponent(runId)}${tab === 'overview' ? '' : '?tab=' + tab}`);
    drawTab().catch(x => toast(x.message, true));
  });
  main.querySelector('#kill').addEventListener('click', async () => {
    if (!confirm(`Kill run ${run.run_id} of ${run.task}? The whole process tree is stopped.`)) return;
    try { await api(`/api/v1/runs/${encodeURIComponent(run.run_id)}/kill`, { method: 'POST' }); toast('Kill requested'); } catch (e) { toast(e.message, true); }
  });
  main.querySelector('#retry').addEventListener('click', async () => {
    try {
      const retried = await optional(`/api/v1/runs/${encodeURIComponent(run.run_id)}/retry`, { method: 'POST' });
      if (retried) { toast('Retry requested'); if (retried.run_id && retried.run_id !== run.run_id) navigate(`/task-runs/${retried.run_id}`); return; }
      // Without a retry endpoint on this server: start the task again now (a new run).
      const started = await api(`/api/v1/tasks/${encodeURIComponent(run.task)}/run`, { method: 'POST' });
      toast(`Started a new run of ${run.task}`);
      navigate(`/task-runs/${started.run_id}`);
    } catch (e) { toast(e.message, true); }
  });

  drawHead();
  await drawTab();
  await viewer.start();
  const offs = [
    on('run', r => {
      if (r.run_id !== run.run_id) return;
      const before = run;
      run = { ...r, events: before.events };
      drawHead();
      viewer.runChanged(run);
      refetch();
    }),
    on('timeline', t => { if (t.run_id === run.run_id) refetch(); }),
    on('reconnected', () => refetch()),
  ];
  let fetching = null;
  function refetch() {
    // The stream carries the run; its full timeline (for the lifecycle times) comes from the run itself.
    if (fetching) return;
    fetching = api(`/api/v1/runs/${encodeURIComponent(runId)}`).then(r => {
      run = r;
      drawHead();
      if (tab === 'timeline' || tab === 'attempts') drawTab();
    }).catch(console.error).finally(() => { fetching = null; });
  }
  const ticker = setInterval(() => { if (run.status === 'RUNNING') { const d = main.querySelector('[data-field=duration]'); if (d) d.textContent = runDuration(run); } }, 1000);
  return () => { offs.forEach(off => off()); viewer.stop(); clearInterval(ticker); };
}

/** Steps with icons and connecting lines: completed green, current blue (animated), failed red, future grey. */
function lifecycle(run) {
  const events = run.events || [];
  const when = status => events.filter(e => e.to === status).map(e => e.at).pop();
  const final = FINAL.includes(run.status);
  const reachedIndex = final ? Math.max(...[0, ...events.map(e => STEPS.indexOf(e.to))]) : STEPS.indexOf(run.status);
  const steps = STEPS.map((s, i) => {
    let cls = 't-future';
    if (!final && s === run.status) cls = 't-current';
    else if (i <= reachedIndex) cls = 't-done';
    const icon = cls === 't-done' ? '✓' : cls === 't-current' ? '●' : i + 1;
    return `<div class="tstep ${cls}" data-step="${s}"><div class="icon">${icon}</div><div class="name">${s}</div><div class="at">${when(s) ? time(when(s)).slice(11) : ''}</div></div>`;
  });
  const endName = final ? run.status : 'SUCCESS | FAILED | TERMINATED';
  const endCls = final ? (run.status === 'SUCCESS' ? 't-done' : 't-failed') : 't-future';
  const endIcon = run.status === 'SUCCESS' ? '✓' : final ? '✕' : '…';
  steps.push(`<div class="tstep ${endCls}" data-step="${esc(endName)}"><div class="icon">${endIcon}</div><div class="name">${endName}</div><div class="at">${final ? time(run.finished_at || when(run.status)).slice(11) : ''}</div></div>`);
  return steps.join('');
}

async function timelineHtml(run) {
  const timeline = await optional(`/api/v1/runs/${encodeURIComponent(run.run_id)}/timeline`);
  if (timeline) {
    const events = Array.isArray(timeline) ? timeline : (timeline.events || []);
    return `<table class="grid"><thead><tr><th>At</th><th>Event</th><th>Severity</th><th>Attempt</th><th>Detail</th></tr></thead><tbody>${
      events.map(e => `<tr><td>${time(e.at || e.timestamp)}</td><td>${esc(e.type || e.kind || e.to)}</td><td><span class="badge sev-${esc(e.severity || 'info')}">${esc(e.severity || 'info')}</span></td><td>${esc(e.attempt ?? '')}</td><td style="white-space:normal">${esc(e.detail || e.message || '')}</td></tr>`).join('')}</tbody></table>`;
  }
  return `<table class="grid"><thead><tr><th>At</th><th>From</th><th>To</th><th>Attempt</th><th>By</th><th>Detail</th></tr></thead><tbody>${
    (run.events || []).map(e => `<tr><td>${time(e.at)}</td><td>${e.from ? badge(e.from) : '—'}</td><td>${badge(e.to)}</td><td>${e.attempt}</td><td>${esc(e.actor)}</td><td style="white-space:normal">${esc(e.detail || '')}</td></tr>`).join('')}</tbody></table>`;
}

async function attemptsHtml(run) {
  const found = await optional(`/api/v1/runs/${encodeURIComponent(run.run_id)}/attempts`);
  const attempts = found ? (Array.isArray(found) ? found : found.attempts || []) : deriveAttempts(run);
  if (!attempts.length) return '<p class="muted">No attempt has started yet.</p>';
  return `<table class="grid"><thead><tr><th>Attempt</th><th>Status</th><th>Agent</th><th>Started</th><th>Finished</th><th>Return code</th><th>Reason</th><th>Error class</th></tr></thead><tbody>${
    attempts.map(a => `<tr><td>${esc(a.attempt)}</td><td>${a.status ? badge(a.status) : '—'}</td><td>${esc(a.host || a.agent || run.host)}</td><td>${time(a.started_at)}</td><td>${time(a.finished_at)}</td><td>${esc(a.return_code ?? '—')}</td><td>${esc(a.reason || '—')}</td><td>${esc(a.error_class || a.classification || '—')}</td></tr>`).join('')}</tbody></table>`;
}

function deriveAttempts(run) {
  const byAttempt = new Map();
  for (const e of run.events || []) {
    const a = byAttempt.get(e.attempt) || { attempt: e.attempt };
    if (e.to === 'RUNNING') a.started_at = e.at;
    if (FINAL.includes(e.to) || (e.to === 'ACTIVE' && e.attempt > 1 && a.status)) { a.finished_at = e.at; a.status = e.to; a.reason = e.detail; }
    byAttempt.set(e.attempt, a);
  }
  const list = [...byAttempt.values()];
  const last = list[list.length - 1];
  if (last && last.attempt === run.attempt) Object.assign(last, { status: run.status, return_code: run.return_code, reason: run.reason, finished_at: run.finished_at, started_at: run.started_at || last.started_at });
  return list;
}

async function definitionHtml(run) {
  if (run.adhoc || !run.tid) {
    const created = (run.events || [])[0];
    return `<div class="card"><p>An adhoc run is tied to no task definition.</p><p class="mono">${esc(created?.detail || '')}</p></div>`;
  }
  const task = await optional(`/api/v1/tasks/${encodeURIComponent(run.task)}`);
  if (!task) return `<p class="muted">The task ${esc(run.task)} no longer exists.</p>`;
  return `<p class="small muted">Version ${esc(task.version)} · changed ${time(task.updated_at)} by ${esc(task.source)} · <a href="/tasks/${encodeURIComponent(run.task)}">task page</a></p><pre class="json">${esc(JSON.stringify(task.definition, null, 2))}</pre>`;
}
