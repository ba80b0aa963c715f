// "New task" on Tasks & Groups (admin): a form for the common fields, or a JSON definition uploaded or pasted. The
// form writes the JSON below it; what is sent is always that JSON, so an upload and the form end in the same place.
import { api, toast } from './apiToast.js';
import { esc } from './format.js';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function createTaskForm(onInserted) {
  const el = document.createElement('details');
  el.id = 'new-task';
  el.className = 'card';
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  el.innerHTML = `<summary>+ New task</summary>
    <form class="taskform" autocomplete="off">
      <label>tid <input name="tid" type="number" min="1" required></label>
      <label>name <input name="name" required pattern="[A-Za-z0-9_.\\-]{1,128}"></label>
      <label>group <input name="group"></label>
      <label class="wide">cmd <input name="cmd" required></label>
      <label>run_on_host <input name="run_on_host" required list="nt-hosts"></label><datalist id="nt-hosts"></datalist>
      <label>task_owner <input name="task_owner"></label>
      <label>trigger_times <input name="trigger_times" placeholder="08:30,14:00"></label>
      <fieldset class="days"><legend>day_of_week</legend>${DAYS.map((d, i) => `<label><input type="checkbox" name="day" value="${i}" ${i < 5 ? 'checked' : ''}>${d}</label>`).join('')}</fieldset>
      <label>timezone <input name="timezone" value="${esc(zone)}"></label>
      <label>max_run_time (s) <input name="max_run_time" type="number" min="0" value="3600"></label>
      <label>retry_attempts <input name="retry_attempts" type="number" min="0" value="0"></label>
      <label>calendar <input name="calendar" placeholder="US_HOLIDAYS"></label>
      <label class="wide">description <input name="description"></label>
      <label class="check"><input type="checkbox" name="active" checked> active</label>
    </form>
    <div class="jsonbar"><label>Upload a JSON file <input type="file" id="nt-file" accept=".json,application/json"></label>
      <span class="muted small">or edit the definition (one object, or an array of them):</span></div>
    <textarea id="nt-json" class="mono" rows="12" spellcheck="false"></textarea>
    <div><button type="button" id="nt-insert">Validate &amp; insert</button> <span id="nt-result" class="small"></span></div>
    <pre id="nt-errors" class="errors" hidden></pre>`;
  const form = el.querySelector('form');
  const json = el.querySelector('#nt-json');

  function fromForm() {
    const f = new FormData(form);
    const days = DAYS.map((_, i) => (f.getAll('day').includes(String(i)) ? '1' : '0')).join('');
    const d = { tid: Number(f.get('tid')) || undefined, name: f.get('name'), task_owner: f.get('task_owner') || undefined, cmd: f.get('cmd'),
      run_on_host: f.get('run_on_host'), max_run_time: Number(f.get('max_run_time')) || 0, description: f.get('description') || undefined,
      retry_attempts: Number(f.get('retry_attempts')) || 0, timezone: f.get('timezone') || undefined, active: f.get('active') === 'on',
      calendar: f.get('calendar') || undefined, day_of_week: days, trigger_times: f.get('trigger_times') || undefined, group: f.get('group') || undefined };
    json.value = JSON.stringify(d, null, 2);
  }

  form.addEventListener('input', fromForm);
  el.addEventListener('toggle', async () => {
    if (!el.open) return;
    if (!json.value) fromForm();
    const agents = await api('/api/v1/agents').catch(() => []);
    el.querySelector('#nt-hosts').innerHTML = (agents || []).map(a => `<option value="${esc(a.host || a.name)}">`).join('');
  });
  el.querySelector('#nt-file').addEventListener('change', async e => {
    const file = e.target.files[0];
    if (file) json.value = await file.text();
  });
  el.querySelector('#nt-insert').addEventListener('click', async () => {
    const errors = el.querySelector('#nt-errors');
    const result = el.querySelector('#nt-result');
    errors.hidden = true;
    result.textContent = '';
    let definitions;
    try {
      const parsed = JSON.parse(json.value);
      definitions = Array.isArray(parsed) ? parsed : [parsed];
    } catch (x) {
      errors.textContent = `The JSON cannot be read: ${x.message}`;
      errors.hidden = false;
      return;
    }
    const done = [];
    for (const d of definitions) {
      try {
        const task = await api('/api/v1/tasks', { method: 'POST', body: d });
        done.push(`tid ${task.tid ?? d.tid}, name ${task.name ?? d.name}`);
      } catch (x) {
        errors.textContent = `${d?.name ?? 'definition'}: ${x.message}`;
        errors.hidden = false;
        break;
      }
    }
    if (done.length) {
      result.textContent = `Task validation completed. Task inserted successfully: ${done.join('; ')}`;
      toast(`Inserted ${done.join('; ')}`);
      onInserted();
    }
  });
  return el;
}
