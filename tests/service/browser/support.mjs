// What the browser tests share: `gastvrij serve` on the demo office over a
// temporary data file, HTTPS with its self-made certificate on 127.0.0.1 and
// a free port; waiting on outcomes; the API as a bearer-token client (as the
// native companion and a remote kiosk speak it).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

let failures = 0;
export function check(ok, what) {
  console.log((ok ? 'ok   ' : 'FAIL ') + what);
  if (!ok) failures++;
  return ok;
}
export function fail(what) {
  check(false, what);
}
export function failureCount() {
  return failures;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

// Polls `test` until it gives a truthy value. Every 150 ms: the service
// allows a device 10 requests a second (and an address 30).
export async function waitFor(test, what, ms = 20000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = await test();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('timed out waiting for ' + what);
}

// Starts serve on a copy of kiosk-config/ (no mail server, photos from the
// sources). Returns { base, dir, process, output(), restart(), stop() }.
// With { failingWebhook: true } the maintenance team's Teams channel points
// at the service itself, whose certificate curl refuses: every message to it
// becomes undelivered at once.
export async function startServe(binary, sourceDir, { failingWebhook = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'gastvrij-browser-'));
  const config = join(dir, 'kiosk-config');
  cpSync(join(sourceDir, 'kiosk-config'), config, { recursive: true });
  const port = await freePort();
  const base = `https://127.0.0.1:${port}`;
  let toml = readFileSync(join(config, 'kiosk.toml'), 'utf8');
  toml = toml.replace('assets = "../assets"', `assets = "${join(sourceDir, 'assets')}"`)
    .replace('url = "smtp://127.0.0.1:2525"', 'url = ""');
  if (failingWebhook) toml = toml.replace('https://example.invalid/workflows/onderhoud', `${base}/no-such-hook`);
  writeFileSync(join(config, 'kiosk.toml'), toml);
  // The self-made certificate: this test's fetch and browser accept it.
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  const args = ['serve', '--config', config, '--data', join(dir, 'gastvrij.db'),
    '--port', String(port), '--listen', '127.0.0.1', '--public-url', base];
  let output = '';
  const run = () => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d) => { output += d; });
    return { child, exited: new Promise((r) => child.on('exit', r)) };
  };
  let current = run();
  const serve = {
    base, dir,
    get process() { return current.child; },
    output: () => output,
    // Stops the service and starts it again on the same port and data file.
    async restart() {
      current.child.kill('SIGTERM');
      await current.exited;
      current = run();
      await waitFor(async () => {
        try {
          return (await fetch(base + '/health')).status === 200;
        } catch {
          return false;
        }
      }, 'the service to answer again');
    },
    async stop() {
      current.child.kill('SIGCONT');
      current.child.kill('SIGTERM');
      await current.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return serve;
}

// A JSON call. `auth` is a bearer token, or { cookie, origin } for the
// browser's session; the reply's body is parsed when it is JSON.
export async function call(base, method, path, auth, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (typeof auth === 'string' && auth) headers.Authorization = 'Bearer ' + auth;
  if (auth && typeof auth === 'object') {
    if (auth.cookie) headers.Cookie = auth.cookie;
    if (auth.origin) headers.Origin = auth.origin;
  }
  const res = await fetch(base + path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

// Pairs with a code as the native companion or a remote kiosk does: the
// token comes back in the body.
export async function pairBearer(base, code, name) {
  const r = await call(base, 'POST', '/pair', '', { code, name });
  if (r.status !== 201 || !r.body.token) throw new Error(`pairing ${name} failed: HTTP ${r.status} ${r.text}`);
  return r.body.token;
}
