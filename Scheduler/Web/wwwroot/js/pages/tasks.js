// /tasks: every task by group — schedule in words, next run, last status, hold/inactive — group operations,
// and the dependency graph.
import { api, can, toast } from '../apiToast.js';
import { on } from '../live.js';
import { esc, time, badge, throttle } from '../format.js';
import { drawGraph } from '../graph.js';
import { createTaskForm } from '../taskForm.js';

export async function render(main) {
  main.innerHTML = `<h1>Tasks &amp; Groups</h1>
    <div class="tabs" role="tablist"><button type="button" data-view="list" class="on">Tasks</button><button type="button" data-view="graph">Dependency graph</button></div>
    <section id="list-view"><div class="filters"><input type="search" id="f-task" placeholder="Filter tasks"></div>
      <table class="grid" id="tasks"><thead><tr><th>Task</th><th>Schedule</th><th>Next run</th><th>Last run</th><th>State</th><th>Agent</th><th></th></tr></thead><tbody></tbody></table></section>
    <section id="graph-view" hidden>
      <div class="graphbar"><button id="zoom-in" title="Zoom in" aria-label="Zoom in">+</button><button id="zoom-out" title="Zoom out" aria-label="Zoom out">−</button><button id="recenter" title="Fit the whole graph">⤢ Recenter</button>
        <span class="legend"><span><i style="background:#16a34a"></i>success</span><span><i style="background:#dc2626"></i>failed</span><span><i style="background:#2563eb"></i>running</span><span><i style="background:#d97706"></i>waiting</span><span><i style="background:#fff;border:2px dashed #ea580c"></i>blocked by a failed upstream</span><span><i style="background:#e5e7eb"></i>no run yet</span></span>
        <span id="layout-time" class="small muted"></span></div>
      <div id="graph" role="img" aria-label="Dependency graph"></div>
      <h2>Dependencies</h2><table class="grid" id="edges"><thead><tr><th>Upstream</th><th>Last run</th><th></th><th>Condition</th><th>Dependent</th><th>Last run</th><th>State</th></tr></thead><tbody></tbody></table>
    </section>`;
  if (can('define')) main.querySelector('h1').after(createTaskForm(() => load().catch(console.error)));
  let tasks = [];
  let graph = null;
  let view = 'list';

  async function load() {
    tasks = await api('/api/v1/task-overview');
    drawList();
    if (view === 'graph') graph = drawGraph(main.querySelector('#graph'), tasks, graph, main.querySelector('#edges tbody'), main.querySelector('#layout-time'));
  }

  function state(t) {
    return (t.on_hold ? '<span class="badge hold">ON HOLD</span> ' : '') + (t.active ? '' : '<span class="badge inactive">INACTIVE</span>') || '<span class="muted">active</span>';
  }

  function drawList() {
    const filter = main.querySelector('#f-task').value.trim().toLowerCase();
    const shown = tasks.filter(t => !filter || t.name.toLowerCase().includes(filter) || (t.group || '').toLowerCase().includes(filter));
    const groups = [...new Set(shown.map(t => t.group || ''))];
    const op = can('operate');
    // Hold, release and run are operator actions; activate and deactivate change the definition (admin), as for one task.
    const groupButtons = (op ? '<button data-group-act="hold">Hold</button><button data-group-act="release">Release</button>' : '')
      + (can('define') ? '<button data-group-act="activate">Activate</button><button data-group-act="deactivate">Deactivate</button>' : '')
      + (op ? '<button data-group-act="run" title="Start every task of the group now">▶ Run all</button>' : '');
    main.querySelector('#tasks tbody').innerHTML = groups.map(g => {
      const members = shown.filter(t => (t.group || '') === g);
      const held = members.filter(t => t.on_hold).length;
      const idle = members.filter(t => !t.active).length;
      const summary = [held ? `${held} on hold` : '', idle ? `${idle} inactive` : ''].filter(Boolean).join(', ');
      const head = `<tr class="group-row" data-group="${esc(g)}"><td colspan="6">${g ? `Group ${esc(g)}` : 'No group'} <span class="muted small">(${members.length} task${members.length === 1 ? '' : 's'}${summary ? `; ${summary}` : ''})</span></td><td class="group-actions">${g ? groupButtons : ''}</td></tr>`;
      return head + members.map(t => `<tr data-task="${esc(t.name)}"><td><a href="/tasks/${encodeURIComponent(t.name)}">${esc(t.name)}</a></td><td>${esc(t.schedule)}</td><td>${time(t.next_run)}</td>
        <td>${t.last_run ? `<a href="/task-runs/${esc(t.last_run.run_id)}">${badge(t.last_run.status)}</a>` : '<span class="muted">never</span>'}</td><td>${state(t)}</td><td>${esc(t.host)}</td>
        <td>${op ? `<button data-act="run" title="Run now">▶</button> <button data-act="${t.on_hold ? 'release' : 'hold'}">${t.on_hold ? 'Release' : 'Hold'}</button>` : ''}</td></tr>`).join('');
    }).join('') || '<tr><td colspan="7" class="muted">No tasks yet. Drop a JSON definition into the watched folder or use <span class="mono">easytask task insert</span>.</td></tr>';
  }

  async function act(name, action) {
    return action === 'run' ? api(`/api/v1/tasks/${encodeURIComponent(name)}/run`, { method: 'POST' }) : api(`/api/v1/tasks/${encodeURIComponent(name)}/${action}`, { method: 'POST' });
  }

  main.querySelector('#tasks').addEventListener('click', async e => {
    const b = e.target.closest('button');
    if (!b) return;
    try {
      if (b.dataset.act) {
        await act(b.closest('tr').dataset.task, b.dataset.act);
        toast(b.dataset.act === 'run' ? 'Started' : 'Done');
      } else if (b.dataset.groupAct) {
        const group = b.closest('tr').dataset.group;
        const action = b.dataset.groupAct;
        const held = tasks.filter(t => t.group === group && t.on_hold).map(t => t.name);
        let force = false;
        if (action === 'run' && held.length) {
          if (!confirm(`${held.join(', ')} ${held.length === 1 ? 'is' : 'are'} on hold. Start the whole group anyway?`)) return;
          force = true;
        }
        const r = await api(`/api/v1/groups/${encodeURIComponent(group)}/${action}${force ? '?force=true' : ''}`, { method: 'POST' });
        toast(action === 'run' ? `Group ${group}: started ${r.count} run(s)` : `Group ${group}: ${action} ${r.count} task(s)`);
      }
      await load();
    } catch (x) { toast(x.message, true); }
  });

  main.querySelector('#f-task').addEventListener('input', drawList);
  main.querySelector('.tabs').addEventListener('click', e => {
    const b = e.target.closest('button');
    if (!b) return;
    view = b.dataset.view;
    for (const x of main.querySelectorAll('.tabs button')) x.classList.toggle('on', x === b);
    main.querySelector('#list-view').hidden = view !== 'list';
    main.querySelector('#graph-view').hidden = view !== 'graph';
    history.replaceState(null, '', view === 'graph' ? '/tasks?view=graph' : '/tasks');
    if (view === 'graph') graph = drawGraph(main.querySelector('#graph'), tasks, graph, main.querySelector('#edges tbody'), main.querySelector('#layout-time'));
  });
  main.querySelector('#zoom-in').addEventListener('click', () => graph?.zoom({ level: graph.zoom() * 1.25, renderedPosition: { x: graph.width() / 2, y: graph.height() / 2 } }));
  main.querySelector('#zoom-out').addEventListener('click', () => graph?.zoom({ level: graph.zoom() / 1.25, renderedPosition: { x: graph.width() / 2, y: graph.height() / 2 } }));
  main.querySelector('#recenter').addEventListener('click', () => graph?.fit(undefined, 30));

  await load();
  if (new URLSearchParams(location.search).get('view') === 'graph') main.querySelector('[data-view=graph]').click();
  const reload = throttle(() => load().catch(console.error), 1000);
  const offs = [on('run', reload), on('reconnected', reload)];
  return () => { offs.forEach(off => off()); graph?.destroy(); };
}
