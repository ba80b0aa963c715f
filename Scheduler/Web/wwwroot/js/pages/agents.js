// /agents: every agent ever heard from — alive or lost, version, capacity, running, last heartbeat, breaker state.
import { api, optional } from '../apiToast.js';
import { esc, time, ago } from '../format.js';

export async function render(main) {
  main.innerHTML = `<h1>Agents</h1><table class="grid" id="agents"><thead><tr><th>Agent</th><th>State</th><th>Version</th><th>Capacity</th><th>Running</th><th>Last heartbeat</th><th>Up since</th><th>Breaker</th></tr></thead><tbody></tbody></table>
    <p class="small muted">An agent is lost when its heartbeats stop; its runs are then resolved as <span class="mono">agent_lost</span> and retried where allowed.</p>`;
  async function load() {
    const [agents, health] = await Promise.all([api('/api/v1/agents'), optional('/api/v1/monitoring/health').catch(() => null)]);
    const open = openBreakers(health);
    main.querySelector('tbody').innerHTML = agents.length ? agents.map(a => `<tr data-agent="${esc(a.name)}">
      <td><a href="/task-runs?name=&host=${encodeURIComponent(a.name)}">${esc(a.name)}</a></td>
      <td><span class="badge ${a.alive ? 'alive' : 'lost'}">${a.alive ? 'ALIVE' : 'LOST'}</span></td>
      <td>${esc(a.version)}</td><td>${esc(a.capacity)}</td><td>${esc(a.running)}</td>
      <td title="${time(a.last_heartbeat)}">${ago(a.last_heartbeat)}</td><td>${time(a.started_at)}</td>
      <td>${open.has(a.name) ? '<span class="badge lost">OPEN</span>' : '<span class="muted">closed</span>'}</td></tr>`).join('')
      : '<tr><td colspan="8" class="muted">No agent has connected yet.</td></tr>';
  }
  await load();
  const timer = setInterval(() => load().catch(console.error), 5000);
  return () => clearInterval(timer);
}

/** Hosts whose circuit breaker is open, from whatever shape the monitoring health answer has. */
export function openBreakers(health) {
  const found = new Set();
  const list = health?.open_circuit_breakers ?? health?.circuit_breakers ?? health?.breakers ?? [];
  for (const b of Array.isArray(list) ? list : Object.entries(list).map(([host, v]) => ({ host, ...(typeof v === 'object' ? v : { state: v }) }))) {
    if (typeof b === 'string') found.add(b);
    else if (!b.state || String(b.state).toLowerCase() === 'open') found.add(b.host || b.agent || b.name);
  }
  return found;
}
