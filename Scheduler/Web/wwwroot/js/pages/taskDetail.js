// /tasks/{name}: the definition, the next runs and the days its calendar skips, recent runs, and explain.
import { api, optional, can, toast } from '../apiToast.js';
import { esc, time, badge, adhocBadge, runDuration, EYE } from '../format.js';
import { navigate } from '../app.js';

export async function render(main, [name]) {
  const enc = encodeURIComponent(name);
  const [task, forecast, skipped, runs, explain] = await Promise.all([
    api(`/api/v1/tasks/${enc}`),
    optional(`/api/v1/tasks/${enc}/forecast?days=14`).catch(() => null),
    optional(`/api/v1/tasks/${enc}/forecast/skipped-days?days=90`).catch(() => null),
    api(`/api/v1/runs?task=${enc}&limit=20`),
    optional(`/api/v1/tasks/${enc}/explain`).catch(() => null),
  ]);
  const d = task.definition;
  const occurrences = forecast ? (Array.isArray(forecast) ? forecast : forecast.occurrences || forecast.runs || []) : [];
  const skips = skipped ? (Array.isArray(skipped) ? skipped : skipped.days || skipped.skipped || []) : [];
  const op = can('operate');
  main.innerHTML = `<h1><a href="/tasks">←</a> ${esc(d.name)} ${task.on_hold ? '<span class="badge hold">ON HOLD</span>' : ''} ${d.active ? '' : '<span class="badge inactive">INACTIVE</span>'}
      <span style="flex:1"></span>${op ? `<button data-act="run">▶ Run now</button> <button data-act="${task.on_hold ? 'release' : 'hold'}">${task.on_hold ? 'Release' : 'Hold'}</button> <button data-act="${d.active ? 'deactivate' : 'activate'}">${d.active ? 'Deactivate' : 'Activate'}</button>` : ''}</h1>
    <div class="card"><dl class="details">${[['Group', d.group || '—'], ['Agent', d.run_on_host], ['Owner', d.task_owner || '—'], ['Times', d.trigger_times || d.cron || 'on demand'], ['Days', d.day_of_week], ['Zone', d.timezone], ['Calendar', d.calendar || '—'], ['Depends on', (d.depends_on || []).map(x => `${x.task} (${x.on})`).join(', ') || '—'], ['Retries', d.retry_attempts], ['Max run time', d.max_run_time ? d.max_run_time + ' s' : 'no limit']].map(([k, v]) => `<div><dt>${k}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>
      ${d.description ? `<p class="muted">${esc(d.description)}</p>` : ''}</div>
    <h2>Why didn't it run? (explain)</h2><div class="card" id="explain">${explainHtml(explain)}</div>
    <div class="row" style="align-items:flex-start">
      <div style="flex:1"><h2>Next runs (14 days)</h2><table class="grid"><tbody>${occurrences.map(o => `<tr><td>${esc(o.local || o.local_time || '')}</td><td class="muted">${time(o.utc || o.at)}</td></tr>`).join('') || '<tr><td class="muted">None in the next 14 days.</td></tr>'}</tbody></table></div>
      <div style="flex:1"><h2>Days the calendar skips (90 days)</h2><table class="grid"><tbody>${skips.map(s => `<tr><td>${esc(s.date || s.day || '')}</td><td>${esc(s.reason || s.name || s.holiday || '')}</td></tr>`).join('') || '<tr><td class="muted">None.</td></tr>'}</tbody></table></div>
    </div>
    <h2>Recent runs</h2><table class="grid"><thead><tr><th>Trigger Time</th><th>Status</th><th>Agent</th><th>Started</th><th>Duration</th><th></th></tr></thead><tbody>${runs.map(r => `<tr><td>${time(r.scheduled_for)}</td><td>${badge(r.status)}${adhocBadge(r)}</td><td>${esc(r.host)}</td><td>${time(r.started_at)}</td><td>${runDuration(r)}</td><td><a class="eye" href="/task-runs/${esc(r.run_id)}">${EYE}</a></td></tr>`).join('') || '<tr><td colspan="6" class="muted">No runs yet.</td></tr>'}</tbody></table>
    <h2>Definition</h2><pre class="json">${esc(JSON.stringify(d, null, 2))}</pre>`;
  main.querySelector('h1').addEventListener('click', async e => {
    const b = e.target.closest('button[data-act]');
    if (!b) return;
    try {
      const r = await api(`/api/v1/tasks/${enc}/${b.dataset.act}`, { method: 'POST' });
      if (b.dataset.act === 'run') { navigate(`/task-runs/${r.run_id}`); return; }
      toast('Done');
      navigate(location.pathname, true);
    } catch (x) { toast(x.message, true); }
  });
}

function explainHtml(e) {
  if (!e) return '<span class="muted">Not available.</span>';
  if (typeof e === 'string') return `<p>${esc(e)}</p>`;
  const lines = e.lines || e.reasons || e.steps;
  return `${e.summary || e.verdict ? `<p><strong>${esc(e.summary || e.verdict)}</strong></p>` : ''}${Array.isArray(lines) ? `<ul>${lines.map(l => `<li>${esc(typeof l === 'string' ? l : l.text || JSON.stringify(l))}</li>`).join('')}</ul>` : ''}${!e.summary && !e.verdict && !lines ? `<pre class="json">${esc(JSON.stringify(e, null, 2))}</pre>` : ''}`;
}
