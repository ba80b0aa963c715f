// The one push channel: Server-Sent Events from /api/v1/stream. Shows its state in the header indicator
// (Live, Connecting, Error, Disconnected), reconnects by itself and resumes from the last event it saw.
const handlers = { run: new Set(), timeline: new Set(), output: new Set(), reconnected: new Set() };
let source = null;
let lastEventId = null;
let retryTimer = null;
let wasLive = false;
let attempt = 0;
let current = 'Connecting';

export const liveState = () => current;

/** Calls fn(data) for every event of the kind ('run', 'timeline', 'output', 'reconnected'); returns the unsubscribe. */
export function on(kind, fn) {
  handlers[kind].add(fn);
  return () => handlers[kind].delete(fn);
}

function emit(kind, data) {
  for (const fn of [...handlers[kind]]) {
    try { fn(data); } catch (e) { console.error(e); }
  }
}

function show(state, detail) {
  current = state;
  const el = document.getElementById('conn');
  if (!el) return;
  el.dataset.state = state;
  el.querySelector('.label').textContent = state;
  el.title = detail || { Live: 'Live: updates arrive as they happen', Connecting: 'Connecting to the scheduler…' }[state] || state;
}

export function connect() {
  clearTimeout(retryTimer);
  if (source) source.close();
  // The session cookie travels by itself; a resumed stream says where it left off.
  const params = new URLSearchParams();
  if (lastEventId) params.set('last_event_id', lastEventId);
  const url = '/api/v1/stream' + (params.toString() ? '?' + params : '');
  if (!wasLive || attempt === 0) show(current === 'Disconnected' || current === 'Error' ? current : 'Connecting');
  source = new EventSource(url, { withCredentials: true });
  source.onopen = () => {
    const resumed = wasLive || attempt > 0;
    attempt = 0;
    wasLive = true;
    show('Live');
    if (resumed) emit('reconnected', null);
  };
  source.addEventListener('run', e => {
    if (e.lastEventId) lastEventId = e.lastEventId;
    emit('run', JSON.parse(e.data));
  });
  // Typed timeline events (attempt_failed, run_retried, circuit_breaker_opened, ...) share the run events' ids.
  source.addEventListener('timeline', e => {
    if (e.lastEventId) lastEventId = e.lastEventId;
    emit('timeline', JSON.parse(e.data));
  });
  source.addEventListener('output', e => emit('output', JSON.parse(e.data)));
  source.onerror = () => {
    // We reconnect ourselves (with a last_event_id) instead of leaving it to the browser, to tell the states apart.
    source.close();
    source = null;
    attempt++;
    probe().then(reachable => {
      if (reachable) show('Error', 'The scheduler answers but refused the live stream; retrying');
      else show('Disconnected', 'The scheduler cannot be reached; retrying');
      retryTimer = setTimeout(connect, Math.min(1000 * attempt, 5000));
    });
  };
}

async function probe() {
  try {
    const res = await fetch('/health', { cache: 'no-store' });
    return res.ok;
  } catch {
    return false;
  }
}

// A page hidden for long may have lost events on a bad network; when shown again, make sure we are live.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && !source) connect();
});
