// Small helpers shared by the pages: escaping, times, durations, status badges and the lifecycle chain.
export const STEPS = ['IDLE', 'ACTIVE', 'TRIGGER', 'STARTED', 'RUNNING'];
export const FINAL = ['SUCCESS', 'FAILED', 'TERMINATED'];
export const STATUSES = ['RUNNING', 'SUCCESS', 'FAILED', 'TERMINATED', 'IDLE', 'TRIGGER', 'ACTIVE', 'STARTED'];

export const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

const pad = n => String(n).padStart(2, '0');
export function time(value) {
  if (!value) return '—';
  const d = new Date(value);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function duration(ms) {
  if (ms == null) return '—';
  if (ms < 1000) return `${ms} ms`;
  let s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  return h ? `${h}h ${m}m ${s}s` : m ? `${m}m ${s}s` : `${s}s`;
}

/** How long a run took, or has been going when it is still on its agent. */
export function runDuration(run, now = Date.now()) {
  if (run.duration_ms != null) return duration(run.duration_ms);
  if (run.started_at && !run.finished_at) return duration(now - new Date(run.started_at).getTime());
  return '—';
}

export function ago(value) {
  if (!value) return '—';
  const s = Math.round((Date.now() - new Date(value).getTime()) / 1000);
  if (s < 60) return `${Math.max(s, 0)}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

export const badge = status => `<span class="badge s-${esc(status)}" data-status="${esc(status)}">${esc(status)}</span>`;
/** Beside the status badge: TIMED OUT for a run its max_run_time ended, and "dispatched to agent" while in TRIGGER. */
export const outcome = run => run.status === 'TERMINATED' && run.reason === 'timed_out'
  ? ' <span class="badge timedout" title="Ended by its max_run_time">TIMED OUT</span>'
  : run.status === 'TRIGGER' ? ' <span class="small muted dispatched">dispatched to agent</span>' : '';
export const adhocBadge = run => run.adhoc ? ' <span class="badge adhoc" title="Started from the Adhoc console, not by the scheduler">ADHOC</span>' : '';

/** The inline chain IDLE → … → RUNNING → SUCCESS|FAILED|TERMINATED: current state bold, running pulsing. */
export function chain(run) {
  const status = run.status;
  const final = FINAL.includes(status);
  const reached = final ? (run.started_at ? STEPS.length - 1 : 1) : STEPS.indexOf(status);
  const parts = STEPS.map((step, i) => {
    let cls = 'step';
    if (step === status) cls += ' current c-' + status;
    else if (i <= reached) cls += ' done';
    else if (final) cls += ' skipped';
    const pulse = step === 'RUNNING' && status === 'RUNNING' ? '<span class="pulse" title="running"></span>' : '';
    return `<span class="${cls}">${step}${pulse}</span>`;
  });
  const end = final ? `<span class="step current c-${status}">${status}</span>` : `<span class="step">SUCCESS | FAILED | TERMINATED</span>`;
  return `<span class="chain" data-status="${esc(status)}">${parts.join('<span class="sep">→</span>')}<span class="sep">→</span>${end}</span>`;
}

export function toast(message, error = false) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.className = 'toast' + (error ? ' err' : '');
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, error ? 8000 : 4000);
}

/** Runs fn at most once per `ms`; a call while one is pending is folded into it. */
export function throttle(fn, ms) {
  let timer = null, last = 0;
  return () => {
    if (timer) return;
    timer = setTimeout(() => { timer = null; last = Date.now(); fn(); }, Math.max(0, last + ms - Date.now()));
  };
}

/** The eye icon that opens a run's detail page (SVG: no emoji font needed). */
export const EYE = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M1 12s4-7 11-7 11 7 11 7-4 7-11 7S1 12 1 12z"/><circle cx="12" cy="12" r="3"/></svg>';
