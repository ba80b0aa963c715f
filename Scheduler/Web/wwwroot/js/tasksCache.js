// Task name → group, for the run lists (runs carry the task name; groups live on the definitions).
import { api } from './api.js';

let cached = null;
let at = 0;

export async function groupsByTask() {
  if (!cached || Date.now() - at > 30000) {
    const tasks = await api('/api/v1/tasks');
    cached = new Map(tasks.map(t => [t.name, t.definition?.group || '']));
    at = Date.now();
  }
  return cached;
}
