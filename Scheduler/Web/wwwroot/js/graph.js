// The dependency graph: cytoscape with the dagre layout, nodes coloured by their latest run, edges labelled by
// condition, a failed upstream and the dependents it blocks marked. Also drawn as a table for reading and tests.
import cytoscape from '/vendor/cytoscape.esm.min.js';
import dagre from '/vendor/cytoscape-dagre.min.js';
import { esc, badge } from './format.js';

cytoscape.use(dagre);

const COLOURS = { SUCCESS: '#16a34a', FAILED: '#dc2626', TERMINATED: '#b91c1c', RUNNING: '#2563eb', STARTED: '#0891b2', TRIGGER: '#d97706', ACTIVE: '#d97706' };

/** Upstreams whose latest run ended in a state that cannot satisfy the dependent's condition. */
function blockers(task, byName) {
  return task.depends_on.filter(d => {
    const up = byName.get(d.task)?.last_run?.status;
    if (!up) return false;
    if (d.on === 'success') return up === 'FAILED' || up === 'TERMINATED';
    if (d.on === 'failure') return up === 'SUCCESS';
    return false;
  }).map(d => d.task);
}

export function drawGraph(container, tasks, previous, edgeTable, timing) {
  const byName = new Map(tasks.map(t => [t.name, t]));
  const status = t => t.last_run?.status || 'NONE';
  const elements = [];
  for (const t of tasks) {
    const blocked = blockers(t, byName);
    elements.push({ data: { id: t.name, label: t.name, status: status(t), colour: COLOURS[status(t)] || '#e5e7eb', text: COLOURS[status(t)] ? '#fff' : '#374151', blocked: blocked.length > 0 }, classes: blocked.length ? 'blocked' : '' });
  }
  for (const t of tasks) {
    for (const d of t.depends_on) {
      if (!byName.has(d.task)) continue;
      const failedUpstream = blockers(t, byName).includes(d.task);
      elements.push({ data: { id: `${d.task}->${t.name}`, source: d.task, target: t.name, label: d.on }, classes: failedUpstream ? 'broken' : '' });
    }
  }
  edgeTable.innerHTML = tasks.flatMap(t => t.depends_on.map(d => {
    const up = byName.get(d.task);
    const blocked = blockers(t, byName).includes(d.task);
    return `<tr data-edge="${esc(d.task)}->${esc(t.name)}" class="${blocked ? 'blocked' : ''}"><td><a href="/tasks/${encodeURIComponent(d.task)}">${esc(d.task)}</a></td><td>${up?.last_run ? badge(up.last_run.status) : '<span class="muted">never</span>'}</td><td>→</td>
      <td>${esc(d.on)}</td><td><a href="/tasks/${encodeURIComponent(t.name)}">${esc(t.name)}</a></td><td>${t.last_run ? badge(t.last_run.status) : '<span class="muted">never</span>'}</td>
      <td>${blocked ? '<span class="badge hold">BLOCKED</span>' : t.last_run?.status === 'ACTIVE' ? '<span class="muted">waiting on upstream</span>' : ''}</td></tr>`;
  })).join('') || '<tr><td colspan="7" class="muted">No task depends on another yet (use depends_on).</td></tr>';

  const started = performance.now();
  const keepView = previous && !previous.destroyed() && previous.nodes().length === tasks.length ? { zoom: previous.zoom(), pan: previous.pan() } : null;
  previous?.destroy();
  // A large graph: dagre's longest-path ranking instead of network simplex (the bulk of the layout time for hundreds
  // of tasks), and cheaper redraws while panning; labels too small to read are not drawn.
  const large = tasks.length > 150;
  const cy = cytoscape({
    container,
    elements,
    hideEdgesOnViewport: large,
    textureOnViewport: large,
    pixelRatio: large ? 1 : 'auto',
    wheelSensitivity: 0.3,
    minZoom: 0.05,
    maxZoom: 4,
    style: [
      { selector: 'node', style: { 'background-color': 'data(colour)', label: 'data(label)', color: 'data(text)', 'text-valign': 'center', 'text-halign': 'center', shape: 'round-rectangle', width: 'label', height: 30, padding: '10px', 'font-size': 12, 'min-zoomed-font-size': 6, 'border-width': 1, 'border-color': '#9ca3af' } },
      { selector: 'node.blocked', style: { 'border-width': 3, 'border-style': 'dashed', 'border-color': '#ea580c' } },
      { selector: 'edge', style: { width: 2, 'line-color': '#9ca3af', 'target-arrow-color': '#9ca3af', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 10, 'min-zoomed-font-size': 8, color: '#4b5563', 'text-background-color': '#fff', 'text-background-opacity': 1, 'text-background-padding': '2px' } },
      { selector: 'edge.broken', style: { 'line-color': '#dc2626', 'target-arrow-color': '#dc2626', 'line-style': 'dashed', width: 3 } },
    ],
    layout: { name: 'dagre', rankDir: 'LR', nodeSep: 25, rankSep: 80, ranker: large ? 'longest-path' : 'network-simplex', animate: false, fit: !keepView, padding: 30 },
  });
  if (keepView) { cy.zoom(keepView.zoom); cy.pan(keepView.pan); } else if (cy.zoom() > 1.2) { cy.zoom(1.2); cy.center(); }
  cy.on('tap', 'node', e => { location.assign(`/tasks/${encodeURIComponent(e.target.id())}`); });
  timing.textContent = `${tasks.length} tasks laid out in ${Math.round(performance.now() - started)} ms`;
  container.dataset.nodes = cy.nodes().length;
  window.easytaskGraph = cy;
  return cy;
}
