// /monitoring: health figures, the active-runs panel (elapsed time, kill) and recent alerts.
import { api, optional, can, toast } from '../apiToast.js';
import { on } from '../live.js';
import { esc, time, duration, badge, adhocBadge, chain, throttle } from '../format.js';

export async function render(main) {
  main.innerHTML = `<h1>Monitoring</h1><div class="figures" id="figures"></div>
    <h2>Active runs</h2><table class="grid" id="active"><thead><tr><th>Task</th><th>Lifecycle</th><th>Status</th><th>Agent</th><th>Elapsed</th><th></th></tr></thead><tbody></tbody></table>
    <h2>Recent alerts</h2><table class="grid" id="alerts"><thead><tr><th>At</th><th>Severity</th><th>Alert</th><th>Run</th></tr></thead><tbody></tbody></table>`;
  let active = [];

  async function figures() {
    const health = await optional('/api/v1/monitoring/health').catch(() => null);
    let items;
    if (health) {
      items = flatten(health);
    } else {
      // Without the monitoring API: counts of the last 24 hours from the run list.
      const count = async s => (await api(`/api/v1/runs/page?since=24h&limit=1${s ? '&status=' + s : ''}`)).total;
      const [all, ok, failed, running, waiting, agents] = await Promise.all([count(''), count('SUCCESS'), count('FAILED,TERMINATED'), count('RUNNING,STARTED'), count('ACTIVE,TRIGGER'), api('/api/v1/agents')]);
      items = [['Runs (24h)', all], ['Succeeded (24h)', ok], ['Failed (24h)', failed], ['Failure rate (24h)', ok + failed ? `${Math.round(100 * failed / (ok + failed))} %` : '—'],
        ['Running', running], ['Waiting (queue)', waiting], ['Agents alive', `${agents.filter(a => a.alive).length} / ${agents.length}`]];
    }
    main.querySelector('#figures').innerHTML = items.map(([k, v]) => `<div class="figure"><div class="v">${esc(v)}</div><div class="k">${esc(k)}</div></div>`).join('');
  }

  async function activeRuns() {
    active = (await api('/api/v1/runs/page?status=ACTIVE,TRIGGER,STARTED,RUNNING&limit=200')).runs;
    drawActive();
  }

  function drawActive() {
    main.querySelector('#active tbody').innerHTML = active.length ? active.map(r => `<tr data-run-id="${esc(r.run_id)}"><td><a href="/task-runs/${esc(r.run_id)}">${esc(r.task)}</a>${adhocBadge(r)}</td>
      <td>${chain(r)}</td><td>${badge(r.status)}</td><td>${esc(r.host)}</td><td class="elapsed">${duration(Date.now() - new Date(r.started_at || r.created_at).getTime())}</td>
      <td>${can('operate') ? '<button class="danger" data-act="kill">■ Kill</button>' : ''}</td></tr>`).join('') : '<tr><td colspan="6" class="muted">Nothing pending or running.</td></tr>';
  }

  async function alerts() {
    const found = await optional('/api/v1/alerts?limit=50').catch(() => null);
    const list = found ? (Array.isArray(found) ? found : found.alerts || found.items || []) : null;
    main.querySelector('#alerts tbody').innerHTML = list === null ? '<tr><td colspan="4" class="muted">Alerts are not available on this server.</td></tr>'
      : list.length ? list.map(a => `<tr><td>${time(a.at || a.raised_at || a.created_at)}</td><td><span class="badge sev-${esc((a.severity || '').toLowerCase())}">${esc(a.severity)}</span></td>
        <td style="white-space:normal">${esc(a.message || a.title || a.type)}</td><td>${a.run_id ? `<a href="/task-runs/${esc(a.run_id)}">${esc(a.task || a.run_id)}</a>` : ''}</td></tr>`).join('')
      : '<tr><td colspan="4" class="muted">No alerts.</td></tr>';
  }

  main.querySelector('#active').addEventListener('click', async e => {
    const b = e.target.closest('button[data-act=kill]');
    if (!b) return;
    try { await api(`/api/v1/runs/${encodeURIComponent(b.closest('tr').dataset.runId)}/kill`, { method: 'POST' }); toast('Kill requested'); } catch (x) { toast(x.message, true); }
  });

  await Promise.all([figures(), activeRuns(), alerts()]);
  const reload = throttle(() => Promise.all([figures(), activeRuns(), alerts()]).catch(console.error), 1000);
  const offs = [on('run', reload), on('timeline', reload), on('reconnected', reload)];
  const ticker = setInterval(() => {
    for (const r of active) {
      const cell = main.querySelector(`tr[data-run-id="${CSS.escape(r.run_id)}"] .elapsed`);
      if (cell) cell.textContent = duration(Date.now() - new Date(r.started_at || r.created_at).getTime());
    }
  }, 1000);
  const slow = setInterval(reload, 15000);
  return () => { offs.forEach(off => off()); clearInterval(ticker); clearInterval(slow); };
}

/** Any health answer as label/value pairs: numbers and short texts, nested objects one level down. */
function flatten(health, prefix = '') {
  const out = [];
  for (const [k, v] of Object.entries(health)) {
    const label = (prefix + k).replace(/_/g, ' ');
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) out.push([label, v.length === 0 ? 'none' : v.map(x => typeof x === 'object' ? (x.host || x.name || JSON.stringify(x)) : x).join(', ')]);
    else if (typeof v === 'object') { if (!prefix) out.push(...flatten(v, k + ' ')); }
    else out.push([label, typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : v]);
  }
  return out;
}
