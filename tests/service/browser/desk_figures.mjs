// Figures of the browser companion, for the README and the issue (not a
// pass/fail test): how long a kiosk's check-in takes to reach the web
// board's row, what the page weighs, and its memory after a simulated day.
//
//   tests/service/browser/run.sh GASTVRIJ_BINARY SOURCE_DIR desk_figures.mjs [VISITS]
//
// Each visit: a kiosk checks in (HTTPS API), the page's row appears (seen by
// a MutationObserver in the page), the native desk starts and finishes it.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, call, pairBearer, startServe, waitFor } from './support.mjs';

const [binary, sourceDir, countArg] = process.argv.slice(2);
if (!binary || !sourceDir) {
  console.error('usage: node desk_figures.mjs GASTVRIJ_BINARY SOURCE_DIR [VISITS]');
  process.exit(2);
}
const visits = Number(countArg || process.env.GASTVRIJ_VISITS || 200);
const serve = await startServe(binary, sourceDir);
const { base } = serve;
const api = (method, path, auth, body) => call(base, method, path, auth, body);
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
let browser;
try {
  const firstCode = await waitFor(() => (serve.output().match(/code ([0-9A-Z-]{8,9})/) || [])[1], 'the first desk code');
  const native = await pairBearer(base, firstCode, 'balie (native)');
  const kiosk = await pairBearer(base, (await api('POST', '/api/v1/pairing', native, { kind: 'kiosk' })).body.code, 'kiosk');
  for (const id of ['1001', '1011', '1012', '1021']) await api('PUT', '/api/v1/presence', native, { staff_id: id, presence: 'in' });

  // Page weight: every file the page loads, as served (no compression).
  let weight = 0;
  const files = [];
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  page.on('response', async (r) => {
    if ((r.headers()['content-type'] || '').includes('event-stream') || r.request().method() !== 'GET') return;
    if (r.url().includes('/api/') || r.url().endsWith('/health')) return;
    try {
      const n = (await r.body()).length;
      weight += n;
      files.push(`${new URL(r.url()).pathname} ${n}`);
    } catch { /* a redirect has no body */ }
  });
  await page.goto(base + '/desk');
  await page.getByLabel('Koppelcode of koppellink').fill((await api('POST', '/api/v1/pairing', native, { kind: 'desk' })).body.code);
  await page.getByRole('button', { name: 'Koppelen' }).click();
  await page.getByText('● Verbonden').waitFor();
  await page.evaluate(() => {
    window.seenAt = {};
    new MutationObserver(() => {
      for (const tr of document.querySelectorAll('tr[data-visit]'))
        if (!window.seenAt[tr.dataset.visit]) window.seenAt[tr.dataset.visit] = Date.now();
    }).observe(document.body, { childList: true, subtree: true });
  });
  const cdp = await context.newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    return { heap: m.JSHeapUsedSize, nodes: m.Nodes, listeners: m.JSEventListeners };
  };
  await cdp.send('Performance.enable');
  const before = await heap();

  const latencies = [];
  const topics = ['repair', 'rent', 'moving', 'talk'];
  const names = ['Ayşe', 'Piotr', 'Fatima', 'Jan', 'Noor', 'Małgorzata', 'Youssef', 'Sanne'];
  for (let i = 0; i < visits; i++) {
    const sent = Date.now();
    const v = await api('POST', '/api/v1/visits', kiosk, { topic: topics[i % topics.length], name: names[i % names.length], language: 'nl' });
    if (v.status !== 201) throw new Error('check-in refused: ' + v.text);
    const seen = await page.waitForFunction((id) => window.seenAt[id], String(v.body.id), { polling: 'raf', timeout: 10000 });
    latencies.push((await seen.jsonValue()) - sent);
    await api('POST', `/api/v1/visits/${v.body.id}/start`, native, {});
    await api('POST', `/api/v1/visits/${v.body.id}/finish`, native, {});
    // The service allows a device 10 requests a second.
    await new Promise((r) => setTimeout(r, 250));
  }
  const after = await heap();
  latencies.sort((a, b) => a - b);
  console.log(`check-in to web board row over ${visits} check-ins (HTTPS, loopback, ms): ` +
              `p50 ${pct(latencies, 50)}, p90 ${pct(latencies, 90)}, p99 ${pct(latencies, 99)}, max ${latencies.at(-1)}`);
  console.log(`page weight: ${weight} bytes in ${files.length} files (${files.join(', ')})`);
  const mb = (b) => (b / 1048576).toFixed(2) + ' MB';
  console.log(`page JS heap after pairing ${mb(before.heap)}, after ${visits} visits ${mb(after.heap)}; ` +
              `DOM nodes ${before.nodes} → ${after.nodes}; listeners ${before.listeners} → ${after.listeners}`);
} finally {
  if (browser) await browser.close();
  await serve.stop();
}
