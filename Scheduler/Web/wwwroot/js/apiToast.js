// Re-exports for modules that want the API and the toast from one place.
export { api, authHeaders, optional, can } from './api.js';
export { toast } from './format.js';
