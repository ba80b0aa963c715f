namespace EasyTask.Scheduler.Security;

/// <summary>
/// The sign-in page. It posts JSON (never a form), so the JSON-only rule and the SameSite=Strict cookie keep
/// other sites out; a token in the link's fragment (<c>/login#token=…</c>) never reaches a server log.
/// </summary>
internal static class LoginPage
{
    public const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>EasyTask sign-in</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"></head>
        <body style="font-family: sans-serif; max-width: 32em; margin: 4em auto">
        <h1>EasyTask</h1>
        <p>Paste an API token (<code>easytask token create</code>; standalone writes one to <code>data/admin.token</code>).</p>
        <p><input id="token" type="password" autocomplete="off" style="width: 100%" aria-label="API token"></p>
        <p><button id="go" type="button">Sign in</button> <span id="status" role="status"></span></p>
        <script>
        async function signIn(token) {
          const status = document.getElementById('status');
          const answer = await fetch('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ token }), credentials: 'same-origin' });
          if (answer.ok) { history.replaceState(null, '', '/login'); status.textContent = 'Signed in.'; location.href = '/'; }
          else { status.textContent = 'Sign-in refused: the token is unknown, revoked or expired.'; }
        }
        document.getElementById('go').addEventListener('click', () => signIn(document.getElementById('token').value));
        const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
        if (fromLink) { signIn(fromLink); }
        </script>
        </body></html>
        """;
}
