// /failed: the failed-runs list (runs that exhausted their retries) with retry and dismiss.
import { api, optional, can, toast } from '../apiToast.js';
import { on } from '../live.js';
import { esc, time, badge, adhocBadge, throttle } from '../format.js';

export async function render(main, _params, query) {
  main.innerHTML = `<h1>Failed runs</h1>
    <div class="filters"><input type="search" id="f-task" placeholder="Task" value="${esc(query.get('task') || '')}"><input type="search" id="f-agent" placeholder="Agent" value="${esc(query.get('agent') || '')}"><span id="note" class="small muted"></span></div>
    <table class="grid" id="failed"><thead><tr><th>Task</th><th>Status</th><th>Reason</th><th>Return code</th><th>Agent</th><th>Attempts</th><th>Failed at</th><th></th></tr></thead><tbody></tbody></table>`;
  const tbody = main.querySelector('tbody');
  let dedicated = true;

  async function load() {
    const task = main.querySelector('#f-task').value.trim(), agent = main.querySelector('#f-agent').value.trim();
    const q = new URLSearchParams();
    if (task) q.set('task', task);
    if (agent) q.set('agent', agent);
    let list = await optional('/api/v1/failed-runs?' + q);
    dedicated = list !== null;
    if (!dedicated) {
      // This server has no failed-runs list yet: show the failed and terminated runs of the last 7 days.
      const p = new URLSearchParams({ status: 'FAILED,TERMINATED', since: '7d', limit: 200 });
      if (task) p.set('name', task);
      if (agent) p.set('host', agent);
      list = (await api('/api/v1/runs/page?' + p)).runs;
    }
    const items = Array.isArray(list) ? list : (list.runs || list.items || []);
    main.querySelector('#note').textContent = dedicated ? '' : 'Showing failed and terminated runs of the last 7 days.';
    tbody.innerHTML = items.length ? items.map(item => {
      const r = item.run || item;
      return `<tr data-run-id="${esc(r.run_id)}"><td><a href="/task-runs/${esc(r.run_id)}">${esc(r.task || r.task_name)}</a>${adhocBadge(r)}</td><td>${badge(r.status || 'FAILED')}</td>
        <td>${esc(r.reason || item.reason || '—')}</td><td>${esc(r.return_code ?? '—')}</td><td>${esc(r.host || r.agent || '')}</td><td>${esc(r.attempt ?? item.attempts ?? '')}</td>
        <td>${time(r.finished_at || item.failed_at || item.moved_at)}</td>
        <td>${can('operate') ? `<button data-act="retry">↻ Retry</button> ${dedicated ? '<button data-act="dismiss">Dismiss</button>' : ''}` : ''}</td></tr>`;
    }).join('') : '<tr><td colspan="8" class="muted">No failed runs. </td></tr>';
  }

  tbody.addEventListener('click', async e => {
    const b = e.target.closest('button[data-act]');
    if (!b) return;
    const id = b.closest('tr').dataset.runId;
    try {
      if (b.dataset.act === 'dismiss') { await api(`/api/v1/failed-runs/${encodeURIComponent(id)}/dismiss`, { method: 'POST' }); toast('Dismissed'); }
      else if (dedicated) { await api(`/api/v1/failed-runs/${encodeURIComponent(id)}/retry`, { method: 'POST' }); toast('Retry requested'); }
      else {
        const retried = await optional(`/api/v1/runs/${encodeURIComponent(id)}/retry`, { method: 'POST' });
        if (!retried) { const task = b.closest('tr').querySelector('a').textContent; await api(`/api/v1/tasks/${encodeURIComponent(task)}/run`, { method: 'POST' }); }
        toast('Retry requested');
      }
      await load();
    } catch (x) { toast(x.message, true); }
  });
  let typing;
  for (const id of ['#f-task', '#f-agent']) main.querySelector(id).addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(() => load().catch(x => toast(x.message, true)), 300); });
  await load();
  const reload = throttle(() => load().catch(console.error), 1000);
  const offs = [on('run', r => { if (['FAILED', 'TERMINATED'].includes(r.status) || tbody.querySelector(`tr[data-run-id="${CSS.escape(r.run_id)}"]`)) reload(); }), on('reconnected', reload)];
  return () => offs.forEach(off => off());
}
