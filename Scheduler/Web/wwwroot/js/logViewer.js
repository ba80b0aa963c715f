// The unified log viewer: stdout/stderr tabs with line counts, 500 lines a page, server-side search with
// next/previous, match counter and highlighting, follow mode for live output, download, reload, ANSI colours.
import { api, authHeaders, toast } from './apiToast.js';
import { on } from './live.js';
import { esc, throttle } from './format.js';
import { AnsiUp } from '/vendor/ansi_up.js';

const SIZE = 500;

export function createLogViewer(run) {
  const ansi = new AnsiUp();
  ansi.use_classes = false;
  const el = document.createElement('div');
  el.className = 'logviewer';
  el.innerHTML = `
    <div class="logbar">
      <span class="seg streams" role="tablist" aria-label="Output stream">
        <button type="button" role="tab" data-stream="stdout" class="on">stdout <span class="lc" data-count="stdout">(…)</span></button>
        <button type="button" role="tab" data-stream="stderr">stderr <span class="lc" data-count="stderr">(…)</span></button>
      </span>
      <select class="attempt" aria-label="Attempt" hidden></select>
      <input type="search" class="q" placeholder="Search the log" aria-label="Search the log">
      <button type="button" class="prev" title="Previous match" aria-label="Previous match">↑</button>
      <button type="button" class="next" title="Next match" aria-label="Next match">↓</button>
      <span class="counter" aria-live="polite"></span>
      <span class="spacer"></span>
      <label class="small"><input type="checkbox" class="follow"> Follow</label>
      <button type="button" class="reload" title="Reload the log">⟳ Reload</button>
      <button type="button" class="download" title="Download as a text file">⬇ Download</button>
    </div>
    <div class="logbody" tabindex="0"></div>
    <div class="logbar pagebar">
      <button type="button" class="first" aria-label="First page">«</button>
      <button type="button" class="back" aria-label="Previous page">‹</button>
      <span class="pageinfo small muted"></span>
      <button type="button" class="fwd" aria-label="Next page">›</button>
      <button type="button" class="last" aria-label="Last page">»</button>
    </div>`;
  const $ = s => el.querySelector(s);
  const body = $('.logbody');
  const st = { stream: 'stdout', attempt: run.attempt, page: 0, pages: 1, total: 0, first: 1, lines: [], query: '', matches: [], at: -1, follow: !isFinal(run) };
  $('.follow').checked = st.follow;

  function isFinal(r) { return ['SUCCESS', 'FAILED', 'TERMINATED'].includes(r.status); }
  const base = () => `/api/v1/runs/${encodeURIComponent(run.run_id)}`;
  const qs = extra => new URLSearchParams({ stream: st.stream, attempt: st.attempt, ...extra });

  async function counts() {
    for (const stream of ['stdout', 'stderr']) {
      const p = await api(`${base()}/log?` + new URLSearchParams({ stream, attempt: st.attempt, page: 1, size: 1 }));
      el.querySelector(`[data-count="${stream}"]`).textContent = `(${p.total_lines})`;
    }
  }

  async function load(page) {
    const p = await api(`${base()}/log?` + qs({ page: page ?? st.page, size: SIZE }));
    Object.assign(st, { page: p.page, pages: p.pages, total: p.total_lines, first: p.first_line, lines: p.lines });
    el.querySelector(`[data-count="${st.stream}"]`).textContent = `(${p.total_lines})`;
    draw();
  }

  function highlight(html) {
    if (!st.query) return html;
    const holder = document.createElement('span');
    holder.innerHTML = html;
    const needle = st.query.toLowerCase();
    const walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      const text = node.nodeValue;
      const lower = text.toLowerCase();
      let i = lower.indexOf(needle);
      if (i < 0) continue;
      const frag = document.createDocumentFragment();
      let from = 0;
      while (i >= 0) {
        frag.append(text.slice(from, i));
        const mark = document.createElement('mark');
        mark.textContent = text.slice(i, i + needle.length);
        frag.append(mark);
        from = i + needle.length;
        i = lower.indexOf(needle, from);
      }
      frag.append(text.slice(from));
      node.replaceWith(frag);
    }
    return holder.innerHTML;
  }

  function draw() {
    const matchSet = new Set(st.matches);
    const current = st.at >= 0 ? st.matches[st.at] : -1;
    body.innerHTML = st.lines.length === 0
      ? `<div class="logempty">No ${st.stream} output${isFinal(run) ? '' : ' yet'}.</div>`
      : st.lines.map((line, i) => {
        const n = st.first + i;
        const cls = 'logline' + (matchSet.has(n) ? ' match' : '') + (n === current ? ' current' : '');
        return `<div class="${cls}" data-line="${n}"><span class="ln">${n}</span><span class="lt">${highlight(ansi.ansi_to_html(line)) || ' '}</span></div>`;
      }).join('');
    $('.pageinfo').textContent = `Page ${st.page} of ${st.pages} · lines ${st.total ? st.first : 0}–${st.first + st.lines.length - 1 < 0 ? 0 : st.first + st.lines.length - 1} of ${st.total}`;
    $('.first').disabled = $('.back').disabled = st.page <= 1;
    $('.last').disabled = $('.fwd').disabled = st.page >= st.pages;
    $('.counter').textContent = st.query ? (st.matches.length ? `${st.at + 1} / ${st.matches.length}` : '0 matches') : '';
    if (current > 0) {
      body.querySelector(`[data-line="${current}"]`)?.scrollIntoView({ block: 'center' });
    } else if (st.follow) {
      body.scrollTop = body.scrollHeight;
    }
  }

  async function search() {
    st.query = $('.q').value.trim();
    st.matches = [];
    st.at = -1;
    if (st.query) {
      const found = await api(`${base()}/log/search?` + qs({ q: st.query }));
      st.matches = found.lines;
      if (st.matches.length) return go(0);
    }
    draw();
  }

  async function go(index) {
    if (!st.matches.length) return;
    st.at = (index + st.matches.length) % st.matches.length;
    st.follow = $('.follow').checked = false;
    const page = Math.floor((st.matches[st.at] - 1) / SIZE) + 1;
    if (page !== st.page) await load(page); else draw();
  }

  async function download() {
    const res = await fetch(`${base()}/logs?` + qs({}), { headers: authHeaders(), credentials: 'same-origin' });
    if (!res.ok) { toast(`Download failed: HTTP ${res.status}`, true); return; }
    const blob = new Blob([await res.text()], { type: 'text/plain;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${run.task}-${run.run_id}-attempt${st.attempt}-${st.stream}.log`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  $('.streams').addEventListener('click', e => {
    const b = e.target.closest('button');
    if (!b || b.dataset.stream === st.stream) return;
    st.stream = b.dataset.stream;
    for (const x of el.querySelectorAll('.streams button')) x.classList.toggle('on', x === b);
    st.matches = []; st.at = -1;
    load(0).then(() => st.query && search()).catch(e2 => toast(e2.message, true));
  });
  let typing;
  $('.q').addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(() => search().catch(e => toast(e.message, true)), 250); });
  $('.q').addEventListener('keydown', e => {
    if (e.key === 'Enter') { e.preventDefault(); clearTimeout(typing); (st.matches.length && st.query === $('.q').value.trim() ? go(st.at + (e.shiftKey ? -1 : 1)) : search()).catch(x => toast(x.message, true)); }
  });
  $('.next').addEventListener('click', () => go(st.at + 1));
  $('.prev').addEventListener('click', () => go(st.at - 1));
  $('.follow').addEventListener('change', e => { st.follow = e.target.checked; if (st.follow) load(0); });
  $('.reload').addEventListener('click', () => Promise.all([load(), counts()]).then(() => st.query && search()).catch(e => toast(e.message, true)));
  $('.download').addEventListener('click', () => download().catch(e => toast(e.message, true)));
  $('.first').addEventListener('click', () => load(1));
  $('.back').addEventListener('click', () => load(st.page - 1));
  $('.fwd').addEventListener('click', () => load(st.page + 1));
  $('.last').addEventListener('click', () => load(0));
  $('.attempt').addEventListener('change', e => { st.attempt = parseInt(e.target.value, 10); Promise.all([load(0), counts()]).catch(x => toast(x.message, true)); });

  // Live output: while following (or on the last page) the last page re-reads as batches arrive.
  const refresh = throttle(() => { if (st.follow || st.page === st.pages) load(0).catch(console.error); counts().catch(console.error); }, 300);
  const offs = [
    on('output', o => { if (o.run_id === run.run_id && o.attempt === st.attempt) refresh(); }),
    on('reconnected', refresh),
  ];

  return {
    el,
    async start() {
      if (run.attempt > 1) {
        const select = $('.attempt');
        select.innerHTML = Array.from({ length: run.attempt }, (_, i) => `<option value="${i + 1}" ${i + 1 === run.attempt ? 'selected' : ''}>attempt ${i + 1}</option>`).join('');
        select.hidden = false;
      }
      await Promise.all([load(0), counts()]);
    },
    runChanged(r) {
      const attemptChanged = r.attempt !== run.attempt;
      run = r;
      if (attemptChanged) { st.attempt = r.attempt; this.start().catch(console.error); } else refresh();
    },
    stop() { offs.forEach(off => off()); },
  };
}
