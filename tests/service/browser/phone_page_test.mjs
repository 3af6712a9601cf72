// The phone page in a real browser on a phone-sized screen: a colleague scans
// the pairing QR code, sees a visitor appear live, taps "Ik kom eraan – 5 min",
// and the visit is acknowledged in the store. Runs `gastvrij serve` on the demo
// office (kiosk-config/ of the sources) over a temporary data file.
//
//   node phone_page_test.mjs GASTVRIJ_BINARY SOURCE_DIR
//
// Debian's chromium is driven through playwright-core; `playwright install`
// (which downloads a browser) is never used.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, devices } from 'playwright-core';
import { check, fail, failureCount, freePort } from './support.mjs';

const [binary, sourceDir] = process.argv.slice(2);
if (!binary || !sourceDir) {
  console.error('usage: node phone_page_test.mjs GASTVRIJ_BINARY SOURCE_DIR');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'gastvrij-browser-'));
const config = join(dir, 'kiosk-config');
cpSync(join(sourceDir, 'kiosk-config'), config, { recursive: true });
// Photos from the sources; no mail server and no chat channels in this test.
let toml = readFileSync(join(config, 'kiosk.toml'), 'utf8');
toml = toml.replace('assets = "../assets"', `assets = "${join(sourceDir, 'assets')}"`)
  .replace('url = "smtp://127.0.0.1:2525"', 'url = ""');
writeFileSync(join(config, 'kiosk.toml'), toml);

const port = await freePort();
// The service speaks HTTPS with the certificate it made itself: a phone's
// browser would ask once; this test's fetch and browser accept it, and check
// that pairing links carry its fingerprint.
const base = `https://127.0.0.1:${port}`;
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
const serve = spawn(binary, ['serve', '--config', config, '--data', join(dir, 'gastvrij.db'),
  '--port', String(port), '--listen', '127.0.0.1', '--public-url', base], { stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
serve.stdout.on('data', (d) => { output += d; });

async function waitFor(test, what, ms = 20000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = await test();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out waiting for ' + what);
}

async function api(method, path, token, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

let browser;
let token = 'no-cookie';
try {
  const deskCode = await waitFor(() => (output.match(/code ([0-9A-Z]{8})/) || [])[1], 'the desk pairing code');
  const paired = await fetch(base + '/pair', { method: 'POST', body: JSON.stringify({ code: deskCode, name: 'balie' }) });
  const desk = (await paired.json()).token;
  check(paired.status === 201 && desk, 'the desk pairs with the code `gastvrij serve` printed');

  // Fatma (1011) gets a phone code; "in" makes her available whatever the hour.
  await api('PUT', '/api/v1/presence', desk, { staff_id: '1011', presence: 'in' });
  const pairing = await api('POST', '/api/v1/pairing', desk, { kind: 'phone', staff_id: '1011' });
  const printed = (output.match(/fingerprint  ([0-9A-F:]{95})/) || [])[1] || '';
  const fingerprint = printed.replaceAll(':', '').toLowerCase();
  check(fingerprint.length === 64, 'serve prints its certificate fingerprint');
  check(pairing.status === 201 && pairing.body.url === `${base}/phone#pair=${pairing.body.code}&fp=${fingerprint}`,
    'the desk gets a phone pairing link with the certificate fingerprint: ' + pairing.body.url);
  check(pairing.body.qr_svg.startsWith('<svg'), 'with the link as an SVG QR code');

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync'],
  });
  const context = await browser.newContext({ ...devices['Pixel 5'], locale: 'nl-NL', ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const outside = [], requested = [], withAuthorization = [];
  page.on('request', (r) => {
    requested.push(r.url());
    if (!r.url().startsWith(base)) outside.push(r.url());
    if (r.headers().authorization) withAuthorization.push(r.url());
  });
  page.on('pageerror', (e) => fail('page error: ' + e.message));

  // What scanning the QR code does: open the link.
  await page.goto(pairing.body.url);
  await page.getByRole('heading', { name: 'Hallo Fatma' }).waitFor();
  check(true, 'the phone paired itself from the link and greets Fatma');
  check(!page.url().includes('pair='), 'the used code is gone from the address bar');
  // The phone's token lives in an HttpOnly cookie only: never in a URL, in
  // storage, or where the page's script could read it.
  const cookie = (await context.cookies()).find((c) => c.name === '__Host-gastvrij');
  check(!!cookie && cookie.httpOnly && cookie.secure && cookie.sameSite === 'Strict',
    'pairing left an HttpOnly, Secure, SameSite=Strict session cookie');
  token = cookie ? cookie.value : 'no-cookie';
  const stored = await page.evaluate(() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]));
  check(!stored.includes(token) && !/token/i.test(stored), 'nothing in localStorage or sessionStorage holds the token');
  check(!(await page.evaluate(() => document.cookie)).includes(token), 'the page\'s script cannot read the cookie');
  await page.getByText('Er wacht nu niemand op u.').waitFor();
  check(true, 'an empty list says nobody is waiting');

  const visit = await api('POST', '/api/v1/visits', desk, { topic: 'appointment', host: '1011', name: 'Ayşe' });
  check(visit.status === 201 && visit.body.host === '1011', 'the desk registers Ayşe for Fatma');
  await page.getByRole('heading', { name: 'Ayşe is er voor u' }).waitFor({ timeout: 10000 });
  check(true, 'Ayşe appears on the phone live, without a reload');
  check(await page.getByText('Ik heb een afspraak', { exact: true }).isVisible(), 'with her topic in Dutch');

  await page.getByRole('button', { name: 'Ik kom eraan 5 min' }).tap();
  const acknowledged = await waitFor(async () => {
    const v = await api('GET', `/api/v1/visits/${visit.body.id}`, desk);
    return v.body.state === 'acknowledged' ? v.body : null;
  }, 'the acknowledgement in the store');
  const promised = acknowledged.promised_at - acknowledged.acknowledged_at;
  check(promised === 300, 'tapping "Ik kom eraan 5 min" acknowledged the visit with 5 minutes');
  check(acknowledged.events.at(-1).actor === 'staff:1011', 'recorded as Fatma\'s answer');
  await page.getByText(/U komt eraan/).waitFor();

  // Paired for good: a reload (or opening the page later) needs no code.
  await page.goto(base + '/phone');
  await page.getByRole('heading', { name: 'Ayşe is er voor u' }).waitFor();
  check(true, 'after a reload the phone is still paired and lists the visit');
  await page.getByRole('button', { name: 'Gesprek begonnen' }).tap();
  await page.getByRole('button', { name: 'Klaar' }).tap();
  await waitFor(async () => (await api('GET', `/api/v1/visits/${visit.body.id}`, desk)).body.state === 'finished',
    'the visit to be finished');
  check(true, '"Gesprek begonnen" then "Klaar" finish the visit');
  await page.getByText('Er wacht nu niemand op u.').waitFor();

  // The same link a second time (another phone): refused, in Dutch.
  const other = await context.browser().newContext({ ...devices['Pixel 5'], ignoreHTTPSErrors: true });
  const second = await other.newPage();
  await second.goto(pairing.body.url);
  await second.getByText('Deze koppelcode is al gebruikt').waitFor();
  check(true, 'a used code is refused with a Dutch explanation');
  await other.close();

  // The desk revokes the phone: the page notices and asks to pair again.
  const list = await api('GET', '/api/v1/devices', desk);
  const phone = list.body.devices.find((d) => d.kind === 'phone');
  await api('DELETE', `/api/v1/devices/${phone.id}`, desk);
  await page.getByText('niet meer gekoppeld', { exact: false }).waitFor({ timeout: 15000 });
  check(true, 'after revocation the page says it is no longer paired');

  check(requested.every((u) => !u.includes(token) && !u.includes('token=')), 'no requested URL carries the token');
  check(withAuthorization.length === 0, 'the page never sends an Authorization header');
  check(outside.length === 0, 'the page loaded nothing from outside the service' +
    (outside.length ? ': ' + outside.join(', ') : ''));
} catch (e) {
  fail(e.message);
} finally {
  if (browser) await browser.close();
  serve.kill('SIGTERM');
  await new Promise((r) => serve.on('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
console.log(failureCount() ? `${failureCount()} failure(s)` : 'all phone page checks passed');
process.exit(failureCount() ? 1 : 0);
