// /adhoc: run a one-off command on a chosen agent as an allowed owner with a max run time; the run carries the ADHOC badge.
import { api, can } from '../apiToast.js';
import { on } from '../live.js';
import { esc, time, badge, adhocBadge, chain, runDuration, throttle, EYE } from '../format.js';

export async function render(main) {
  if (!can('adhoc')) {
    main.innerHTML = '<h1>Adhoc</h1><p class="muted">Running adhoc commands needs the adhoc permission (admin role).</p>';
    return undefined;
  }
  const agents = await api('/api/v1/agents');
  const names = [...new Set([...agents.filter(a => a.alive).map(a => a.name), ...agents.map(a => a.name), 'localhost'])];
  main.innerHTML = `<h1>Adhoc</h1>
    <div class="card"><form class="stack" id="adhoc">
      <label>Command <textarea name="cmd" required placeholder="e.g. df -h; uptime"></textarea></label>
      <div class="row">
        <label>Agent <select name="host">${names.map(n => `<option>${esc(n)}</option>`).join('')}</select></label>
        <label>Run as (owner) <input type="text" name="owner" placeholder="agent's own user"></label>
        <label>Max run time (s) <input type="number" name="max_run_time" min="0" value="300"></label>
      </div>
      <div class="row"><button class="primary" type="submit">▶ Run</button><span id="result" class="small"></span></div>
      <p class="small muted">Runs once, now, on that agent; the owner must be on the agent's allowlist. The run shows in Task Runs with the violet ADHOC badge.</p>
    </form></div>
    <h2>Recent adhoc runs</h2>
    <table class="grid" id="recent"><thead><tr><th>Task</th><th>Lifecycle</th><th>Status</th><th>Agent</th><th>Started</th><th>Duration</th><th></th></tr></thead><tbody></tbody></table>`;
  const form = main.querySelector('#adhoc');
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const data = new FormData(form);
    const body = { cmd: data.get('cmd'), host: data.get('host'), owner: data.get('owner') || null, max_run_time: parseInt(data.get('max_run_time') || '0', 10) };
    try {
      const run = await api('/api/v1/adhoc', { method: 'POST', body });
      main.querySelector('#result').innerHTML = `Started <a href="/task-runs/${esc(run.run_id)}">run ${esc(run.run_id.slice(0, 8))}</a>`;
      await load();
    } catch (x) { main.querySelector('#result').innerHTML = `<span class="error">${esc(x.message)}</span>`; }
  });
  async function load() {
    const runs = (await api('/api/v1/runs/page?adhoc=true&limit=20')).runs;
    main.querySelector('#recent tbody').innerHTML = runs.length ? runs.map(r => `<tr data-run-id="${esc(r.run_id)}"><td>${esc(r.task)}${adhocBadge(r)}</td><td>${chain(r)}</td><td>${badge(r.status)}</td><td>${esc(r.host)}</td><td>${time(r.started_at)}</td><td>${runDuration(r)}</td><td><a href="/task-runs/${esc(r.run_id)}" class="eye" title="Open run detail">${EYE}</a></td></tr>`).join('')
      : '<tr><td colspan="7" class="muted">No adhoc runs yet.</td></tr>';
  }
  await load();
  const reload = throttle(() => load().catch(console.error), 500);
  const offs = [on('run', r => { if (r.adhoc) reload(); }), on('reconnected', reload)];
  return () => offs.forEach(off => off());
}
