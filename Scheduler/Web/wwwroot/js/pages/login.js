// /login: sign in with a user name and password (cookie) or paste an API token (kept in this browser).
import { api, token } from '../api.js';
import { esc } from '../format.js';

export async function render(main, _params, query) {
  const next = query.get('next') || '/task-runs';
  token.set(null);
  await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => {});
  main.innerHTML = `<h1>Sign in</h1><div class="card"><form class="stack" id="login">
      <label>User <input type="text" name="user" autocomplete="username"></label>
      <label>Password <input type="password" name="password" autocomplete="current-password"></label>
      <p class="small muted">or</p>
      <label>API token <input type="password" name="token" autocomplete="off" placeholder="paste a token"></label>
      <div class="row"><button class="primary" type="submit">Sign in</button><span id="msg" class="error small"></span></div></form></div>`;
  main.querySelector('#login').addEventListener('submit', async e => {
    e.preventDefault();
    const data = new FormData(e.target);
    try {
      if (data.get('token')) {
        token.set(String(data.get('token')).trim());
        await api('/api/v1/tasks');
      } else {
        await api('/api/v1/auth/login', { method: 'POST', body: { user: data.get('user'), username: data.get('user'), password: data.get('password') } });
      }
      location.assign(next.startsWith('/') && !next.startsWith('//') ? next : '/task-runs');
    } catch (x) {
      token.set(null);
      main.querySelector('#msg').innerHTML = esc(x.status === 401 || x.status === 400 ? 'Wrong user, password or token.' : x.message);
    }
  });
}
