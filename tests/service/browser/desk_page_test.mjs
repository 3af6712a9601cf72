// The reception companion as a web page (/desk) in a real browser: pairing by
// code and by link, the board filling live from a kiosk's check-in, the
// receptionist acting on it (and a second, native desk acting too), the
// service stopping and coming back, the figures, callbacks and presence tabs,
// an axe-core accessibility scan of every tab, screenshots at 1366×768 and
// 1920×1080, and the session's secrecy: the token lives in an HttpOnly cookie
// only, and the service refuses a state change from another origin.
//
//   node desk_page_test.mjs GASTVRIJ_BINARY SOURCE_DIR
//
// Screenshots go to $GASTVRIJ_SCREENSHOTS, else <binary's folder>/screenshots/web/.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, call, check, fail, failureCount, pairBearer, startServe, waitFor } from './support.mjs';

const [binary, sourceDir] = process.argv.slice(2);
if (!binary || !sourceDir) {
  console.error('usage: node desk_page_test.mjs GASTVRIJ_BINARY SOURCE_DIR');
  process.exit(2);
}
const shots = process.env.GASTVRIJ_SCREENSHOTS || join(dirname(binary), 'screenshots', 'web');
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TABS = [['board', 'Wachtenden'], ['callbacks', 'Terugbellen'], ['presence', 'Aanwezigheid'], ['report', 'Cijfers'],
  ['dead', 'Niet bezorgd'], ['pairing', 'Koppelen']];
const COOKIE = '__Host-gastvrij';

const serve = await startServe(binary, sourceDir, { failingWebhook: true });
const { base } = serve;
const api = (method, path, auth, body) => call(base, method, path, auth, body);

let browser;
try {
  // The native desk (bearer token, as gastvrij-desk speaks) and a kiosk.
  const firstCode = await waitFor(() => (serve.output().match(/code ([0-9A-Z-]{8,9})/) || [])[1], 'the desk pairing code serve prints');
  const native = await pairBearer(base, firstCode, 'balie 1 (native)');
  const deskCode = async () => (await api('POST', '/api/v1/pairing', native, { kind: 'desk' })).body;
  const kioskTicket = (await api('POST', '/api/v1/pairing', native, { kind: 'kiosk' })).body;
  // Every colleague "in": routing does not depend on the hour the test runs.
  for (const id of ['1001', '1011', '1012', '1021']) await api('PUT', '/api/v1/presence', native, { staff_id: id, presence: 'in' });

  // Sem's colleague promised to come within one minute: that promise breaks
  // while the rest of the test runs, and the page must raise the alarm.
  const sem = await api('POST', '/api/v1/visits', native, { topic: 'moving', name: 'Sem', language: 'en' });
  await api('POST', `/api/v1/visits/${sem.body.id}/acknowledge`, native, { minutes: 1 });

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-NL', ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const requested = [], outside = [], bodies = [], withAuthorization = [];
  page.on('request', (r) => {
    requested.push(r.url());
    if (!r.url().startsWith(base)) outside.push(r.url());
    if (r.headers().authorization) withAuthorization.push(r.url());
  });
  page.on('response', (r) => {
    if ((r.headers()['content-type'] || '').includes('text/event-stream')) return;
    bodies.push(r.text().then((t) => ({ url: r.url(), text: t }), () => ({ url: r.url(), text: '' })));
  });
  page.on('pageerror', (e) => fail('page error: ' + e.message));
  const cspViolations = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text()); });

  // ---- pairing ---------------------------------------------------------------
  await page.goto(base + '/desk');
  await page.getByRole('heading', { name: 'Deze browser koppelen als balie' }).waitFor();
  check(true, 'an unpaired browser sees the pairing form');
  check(await page.locator('html').getAttribute('data-certificate') === 'self-made',
    'the service marks the page: its own self-made certificate');
  check(await page.getByText("zie README, 'HTTPS and pairing'", { exact: false }).isVisible(),
    'the page says browsers do not trust the self-made certificate, and where to read more');
  await page.screenshot({ path: join(shots, 'desk-unpaired-1366x768.png') });

  // A kiosk's code is refused in Dutch and stays usable for the kiosk.
  await page.getByLabel('Koppelcode of koppellink').fill(kioskTicket.code);
  await page.getByRole('button', { name: 'Koppelen' }).click();
  await page.getByText('ander soort apparaat', { exact: false }).waitFor();
  check(true, 'a kiosk code typed into the desk page is refused as the wrong kind, in Dutch');
  const kiosk = await pairBearer(base, kioskTicket.code, 'kiosk hal');
  check(!!kiosk, 'the refused kiosk code was not used up: the kiosk pairs with it');

  // A whole pasted pairing link works as well as a typed code.
  const ticket = await deskCode();
  await page.getByLabel('Koppelcode of koppellink').fill(ticket.url);
  await page.getByLabel('Naam van deze balie').fill('Balie links (browser)');
  await page.getByRole('button', { name: 'Koppelen' }).click();
  await page.getByRole('tab', { name: /Wachtenden/ }).waitFor();
  check(true, 'pasting the desk pairing link pairs the browser');
  await page.getByText('● Verbonden').waitFor();
  check(true, 'and it shows it is connected to the service');
  const cookie = (await context.cookies()).find((c) => c.name === COOKIE);
  check(!!cookie && cookie.httpOnly && cookie.secure && cookie.sameSite === 'Strict' && cookie.path === '/',
    'the session is a __Host- cookie: HttpOnly, Secure, SameSite=Strict, Path=/');
  const token = cookie ? cookie.value : 'no-cookie';
  const session = { cookie: `${COOKIE}=${token}`, origin: base };
  const me = await api('GET', '/api/v1/me', session);
  check(me.status === 200 && me.body.name === 'Balie links (browser)' && me.body.kind === 'desk',
    'the service knows the browser as the desk it named');
  await page.evaluate(() => { window.notReloaded = true; });

  // ---- the board live ----------------------------------------------------------
  const ayse = await api('POST', '/api/v1/visits', kiosk, { topic: 'repair', name: 'Ayşe', language: 'tr' });
  check(ayse.status === 201, 'a kiosk checks Ayşe in for a repair');
  const row = (id) => page.locator(`tr[data-visit="${id}"]`);
  await row(ayse.body.id).waitFor();
  check(true, 'Ayşe appears on the board live');
  const rowText = await row(ayse.body.id).innerText();
  check(/Ayşe/.test(rowText) && /Turks/.test(rowText) && /op tijd|bijna te laat|te laat/.test(rowText),
    'her row shows her name, her language (Turks) and the promise in words: ' + rowText.replace(/\s+/g, ' '));
  check(await page.locator('#announce').textContent().then((t) => t.includes('Nieuwe bezoeker: Ayşe')),
    'a live region announced the new arrival');
  // Jeroen's Teams channel refuses: the board says so on Ayşe's row, in words.
  await row(ayse.body.id).getByText('niet bezorgd: bezoeker is er via Teams/Slack aan Jeroen van Dijk').waitFor({ timeout: 10000 });
  check(true, 'the undelivered Teams message shows on Ayşe\'s row, in words');

  // Acknowledge for a colleague, start, finish — each seen in the store.
  await page.getByRole('button', { name: 'Ayşe' }).click();
  await page.getByRole('heading', { name: 'Ayşe' }).waitFor();
  await page.getByRole('button', { name: 'Komt eraan over 5 minuten' }).click();
  const acked = await waitFor(async () => {
    const v = await api('GET', `/api/v1/visits/${ayse.body.id}`, native);
    return v.body.state === 'acknowledged' ? v.body : null;
  }, 'the acknowledgement in the store');
  check(acked.promised_at - acked.acknowledged_at === 300, '"komt eraan, 5 min" acknowledged the visit with 5 minutes');
  await row(ayse.body.id).getByText(/komt eraan, om/).waitFor();
  check(true, 'the row says the colleague is coming, and when');
  await page.getByRole('button', { name: 'Gesprek begonnen' }).click();
  await waitFor(async () => (await api('GET', `/api/v1/visits/${ayse.body.id}`, native)).body.state === 'in_conversation', 'in conversation');
  await page.getByRole('button', { name: 'Afgerond' }).click();
  await waitFor(async () => (await api('GET', `/api/v1/visits/${ayse.body.id}`, native)).body.state === 'finished', 'finished');
  await row(ayse.body.id).waitFor({ state: 'detached' });
  check(true, '"Gesprek begonnen" then "Afgerond" finish the visit, and the row leaves the board');

  // The other desk (native, bearer token) acts: the page follows at once.
  const piotr = await api('POST', '/api/v1/visits', kiosk, { topic: 'rent', name: 'Piotr', language: 'pl' });
  await row(piotr.body.id).waitFor();
  await page.evaluate((id) => {
    window.seenAt = 0;
    const observer = new MutationObserver(() => {
      const r = document.querySelector(`tr[data-visit="${id}"]`);
      if (!window.seenAt && r && /komt eraan/.test(r.textContent)) window.seenAt = Date.now();
    });
    observer.observe(document.getElementById('board-rows'), { childList: true, subtree: true, characterData: true });
  }, piotr.body.id);
  const nativeAck = await api('POST', `/api/v1/visits/${piotr.body.id}/acknowledge`, native, { minutes: 10 });
  const answeredAt = Date.now();
  const seenAt = await waitFor(() => page.evaluate(() => window.seenAt), 'the native desk\'s acknowledgement on the page', 5000);
  const lag = seenAt - answeredAt;
  console.log(`measured: the page showed the native desk's action ${lag} ms after the API answered it`);
  check(nativeAck.status === 200 && lag <= 100, `the page shows another desk's action within 100 ms (${lag} ms)`);

  // Reassign to a colleague through the list, then cancel with confirmation.
  await page.getByRole('button', { name: 'Piotr' }).click();
  await page.getByLabel('Naar een andere collega sturen').selectOption('1012');
  await page.getByRole('button', { name: 'Doorsturen' }).click();
  await waitFor(async () => (await api('GET', `/api/v1/visits/${piotr.body.id}`, native)).body.host === '1012', 'the reassignment');
  check(true, '"Doorsturen" sends Piotr to Sanne (reassigned in the store)');
  // Without waiting for Sanne's deadline: the next in line is asked at once.
  await page.locator('#visit-panel').getByRole('button', { name: 'Volgende collega vragen' }).click();
  const passedOn = await waitFor(async () => {
    const v = (await api('GET', `/api/v1/visits/${piotr.body.id}`, native)).body;
    return v.state === 'escalated' ? v : null;
  }, 'the escalation by the desk');
  check(passedOn.host !== '1012', `"Volgende collega vragen" passes Piotr on from Sanne (now: ${passedOn.host_name || 'de balie'})`);
  await page.getByRole('button', { name: 'Annuleren…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bezoek stoppen?' });
  await dialog.waitFor();
  check(await dialog.getByRole('button', { name: 'Laten staan' }).evaluate((b) => b === document.activeElement),
    'the cancel dialog puts the focus on the harmless answer');
  await dialog.getByRole('button', { name: 'Is weggegaan' }).click();
  await waitFor(async () => (await api('GET', `/api/v1/visits/${piotr.body.id}`, native)).body.state === 'left', 'the visit marked left');
  check(true, '"Annuleren…" asks first, then "Is weggegaan" records that Piotr left');

  // A walk-in entered at the browser desk; a name the service refuses is explained.
  await page.getByRole('button', { name: 'Ik praat liever met iemand' }).click();
  await page.getByLabel('Voornaam').fill('Noor <b>');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByText('Aanmelden lukte niet: een voornaam mag alleen letters', { exact: false }).waitFor();
  check(true, 'a name with markup characters is refused, and the page says why in Dutch');
  const noor = "Noor O'Brien-Çelik";
  await page.getByLabel('Voornaam').fill(noor);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('button', { name: noor }).waitFor();
  const walkIn = (await api('GET', '/api/v1/visits', native)).body.visits.find((v) => v.visitor_name === noor);
  check(!!walkIn && walkIn.topic === 'talk' && (await row(walkIn.id).innerText()).includes(noor),
    'a walk-in registered on the page reaches the store and shows its name as typed');

  // ---- losing the service and getting it back --------------------------------
  serve.process.kill('SIGSTOP');
  const stoppedAt = Date.now();
  await page.getByText('Verbinding weg — opnieuw verbinden…').waitFor({ timeout: 5000 });
  const noticed = Date.now() - stoppedAt;
  console.log(`measured: "verbinding weg" shown ${noticed} ms after the service stopped answering`);
  check(noticed <= 5000, `the page says the connection is gone within 5 s (${noticed} ms)`);
  check(await page.getByRole('button', { name: 'Gesprek begonnen' }).count() === 0 ||
    await page.getByRole('button', { name: 'Gesprek begonnen' }).first().isDisabled(), 'actions are disabled while offline');
  // A check-in the service takes as soon as it runs again.
  const during = api('POST', '/api/v1/visits', kiosk, { topic: 'nuisance', name: 'Karim', language: 'ar' });
  serve.process.kill('SIGCONT');
  const karim = await during;
  await page.getByText('● Verbonden').waitFor({ timeout: 10000 });
  await row(karim.body.id).waitFor({ timeout: 10000 });
  check(await page.locator('#offline').isHidden(), 'back online: the notice is gone');
  check(await page.evaluate(() => window.notReloaded === true), 'the page caught up with Karim\'s check-in without a reload');

  // A real drop: the service stops and starts again on the same port and
  // data. The browser reconnects by itself, saying which event it saw last;
  // what changed meanwhile reaches the page.
  const streamRequests = [];
  page.on('request', (r) => { if (r.url().endsWith('/api/v1/events')) streamRequests.push(r); });
  const restarting = serve.restart();
  await page.getByText('Verbinding weg — opnieuw verbinden…').waitFor({ timeout: 5000 });
  check(true, 'a service that went away is noticed at once');
  await restarting;
  const whileAway = await api('POST', `/api/v1/visits/${karim.body.id}/acknowledge`, native, { minutes: 15 });
  await page.getByText('● Verbonden').waitFor({ timeout: 10000 });
  await row(karim.body.id).getByText(/komt eraan/).waitFor({ timeout: 10000 });
  check(whileAway.status === 200, 'after the restart the page shows what the other desk did before it reconnected');
  const resumed = await Promise.all(streamRequests.map((r) => r.allHeaders()));
  check(resumed.some((h) => Number(h['last-event-id']) > 0),
    'the browser resumed the event stream with Last-Event-ID (' + resumed.map((h) => h['last-event-id'] || '-').join(', ') + ')');
  check(await page.evaluate(() => window.notReloaded === true), 'still the same page: no reload');

  // ---- callbacks ---------------------------------------------------------------
  const callback = await api('POST', '/api/v1/callbacks', kiosk, { phone: '0612345678', topic: 'repair', part: 'any', language: 'nl' });
  check(callback.status === 201, 'a kiosk leaves a callback request');
  await page.getByRole('tab', { name: /Terugbellen/ }).click();
  const cbRow = page.locator(`tr[data-callback="${callback.body.id}"]`);
  await cbRow.waitFor();
  check(/06 1234 5678/.test(await cbRow.innerText()), 'the callbacks tab lists it with the number as one dials it');
  await cbRow.getByRole('button', { name: 'Geen gehoor' }).click();
  await waitFor(async () => (await api('GET', '/api/v1/callbacks', native)).body.callbacks.find((c) => c.id === callback.body.id)?.state === 'called', 'called');
  await cbRow.getByRole('button', { name: 'Afgehandeld…' }).click();
  await page.getByRole('dialog', { name: 'Afgehandeld?' }).getByRole('button', { name: 'Ja, afgehandeld' }).click();
  await waitFor(async () => (await api('GET', '/api/v1/callbacks', native)).body.callbacks.find((c) => c.id === callback.body.id)?.state === 'done', 'done');
  check(true, '"Geen gehoor" and "Afgehandeld…" (confirmed) reach the store');

  // ---- presence -----------------------------------------------------------------
  await page.getByRole('tab', { name: /Aanwezigheid/ }).click();
  const jeroen = page.getByRole('group', { name: /Jeroen/ });
  await jeroen.getByRole('button', { name: 'lunch' }).click();
  await waitFor(async () => (await api('GET', '/api/v1/presence', native)).body.staff.find((s) => s.id === '1001').presence === 'lunch', 'lunch');
  check(true, 'setting Jeroen to lunch on the page reaches the service');
  await api('PUT', '/api/v1/presence', native, { staff_id: '1001', presence: 'out' });
  await page.waitForFunction(() => [...document.querySelectorAll('[aria-pressed="true"]')].some((b) => b.getAttribute('data-key') === 'presence-1001-out'));
  check(true, 'the other desk setting him out shows on the page live');

  // ---- tabs by keyboard, figures -------------------------------------------------
  await page.getByRole('tab', { name: /Wachtenden/ }).click();
  await page.keyboard.press('ArrowRight');
  check(await page.getByRole('tab', { name: /Terugbellen/ }).getAttribute('aria-selected') === 'true' &&
    await page.evaluate(() => document.activeElement.id) === 'tab-callbacks', 'arrow keys move between tabs (a proper tablist)');
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const e = document.activeElement;
    const css = getComputedStyle(e);
    return { key: e.getAttribute('data-key') || '', outline: css.outlineStyle, width: parseFloat(css.outlineWidth) };
  });
  check(focused.key.startsWith('row-') && focused.outline === 'solid' && focused.width >= 2,
    `Tab from the board's tab reaches the first visitor, with a clear focus outline (${focused.outline} ${focused.width}px)`);
  await page.keyboard.press('Enter');
  check(await page.evaluate(() => document.activeElement.id) === 'visit-title', 'Enter opens the visit, the focus on its name');
  await page.keyboard.press('Escape');
  check(await page.evaluate(() => document.activeElement.getAttribute('data-key')) === focused.key,
    'Escape closes it and the focus returns to the visitor\'s row');
  await page.getByRole('tab', { name: /Terugbellen/ }).focus();
  await page.keyboard.press('End');
  check(await page.evaluate(() => document.activeElement.id) === 'tab-pairing', 'End goes to the last tab');
  // Three visitors answered the survey: the share of 8 or more has something to show.
  for (const [score, topic] of [[9, 'repair'], [7, 'rent'], [8, 'repair']]) {
    await api('POST', '/api/v1/surveys', kiosk, { staff: '1001', score, one_go: score >= 8, language: 'nl', topic });
  }
  await page.getByRole('tab', { name: 'Cijfers' }).click();
  await page.locator('#chart-hours svg').waitFor();
  await page.getByText('67 % gaf een 8 of hoger (3 antwoorden)', { exact: true }).waitFor();
  check(true, 'the share of 8 or more is told in words beside its chart');
  check(await page.locator('.chart svg').count() === 4, 'the figures tab draws four charts as SVG');
  check(await page.locator('.tile').count() === 7, 'with seven key figures as tiles');

  // ---- pairing another device from the page, and withdrawing it ----------------------
  await page.getByRole('tab', { name: 'Koppelen' }).click();
  await page.locator('#pair-staff').selectOption('1011');
  await page.getByRole('button', { name: 'Koppelcode maken' }).click();
  await page.getByRole('heading', { name: /Koppelcode voor de telefoon van Fatma/ }).waitFor();
  const shownCode = await page.locator('#pairing-result .code').textContent();
  check(await page.getByRole('img', { name: 'QR-code met de koppellink' }).isVisible(), 'the page makes a phone code for Fatma, with its QR code');
  await pairBearer(base, shownCode, 'telefoon Fatma');
  check(true, 'the code the page shows pairs a phone');
  await page.getByRole('button', { name: 'Vernieuwen' }).click();
  const phoneRow = page.locator('tr', { hasText: 'telefoon Fatma' });
  await phoneRow.waitFor();
  await phoneRow.getByRole('button', { name: 'Intrekken…' }).click();
  await page.getByRole('dialog', { name: 'Intrekken?' }).getByRole('button', { name: 'Ja, intrekken' }).click();
  await phoneRow.waitFor({ state: 'detached' });
  const devices = (await api('GET', '/api/v1/devices', native)).body.devices;
  check(!devices.some((d) => d.name === 'telefoon Fatma'), '"Intrekken…" (confirmed) withdraws the phone at the service');

  // ---- a broken promise: the alert, its actions, the red marker -----------------------
  await page.getByRole('tab', { name: /Wachtenden/ }).click();
  const alerts = page.locator('#alerts');
  await alerts.getByText(/Sem \(Verhuizen of huur opzeggen\) wacht al/).waitFor({ timeout: 90000 });
  check(true, 'when the promise to Sem breaks, an alert names him, his topic and how long he waits');
  await alerts.getByText(/geen antwoord op tijd, nu gevraagd: /).waitFor();
  check(true, 'once the service escalates, the alert says who is asked now');
  check(await page.locator('#board-rows tr').first().getAttribute('data-visit') === String(sem.body.id),
    'the row with the open alert is on top of the board');
  check(await row(sem.body.id).evaluate((r) => r.classList.contains('u-broken')) &&
    /te laat/.test(await row(sem.body.id).innerText()), 'his row gets the red marker and says "te laat" in words');
  check(await page.getByRole('tab', { name: /Wachtenden/ }).evaluate((t) => t.classList.contains('urgent')),
    'the board\'s tab turns red while an alert is open');
  check(/Let op: Sem wacht te lang/.test(await page.locator('#announce').textContent()), 'the live region announces it');
  await page.screenshot({ path: join(shots, 'desk-alert-1366x768.png') });
  await alerts.getByRole('button', { name: 'Komt eraan (5 min)' }).click();
  const renewed = await waitFor(async () => {
    const v = (await api('GET', `/api/v1/visits/${sem.body.id}`, native)).body;
    return v.state === 'acknowledged' && v.promised_at - v.events.at(-1).at === 300 ? v : null;
  }, 'the renewed promise');
  await alerts.waitFor({ state: 'hidden' });
  check(!!renewed, 'the alert\'s "Komt eraan (5 min)" renews the promise at the service, and the alert goes away');

  // ---- screenshots ----------------------------------------------------------------
  await page.getByRole('tab', { name: /Wachtenden/ }).click();
  await page.getByRole('button', { name: 'Karim' }).click();
  for (const [width, height] of [[1366, 768], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    for (const [name, label] of TABS) {
      await page.getByRole('tab', { name: new RegExp(label) }).click();
      if (name === 'report') await page.locator('#chart-hours svg').waitFor();
      await page.screenshot({ path: join(shots, `desk-${name}-${width}x${height}.png`), fullPage: name === 'report' });
    }
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  // 125 % zoom on the small laptop: the same page in a 1093×614 window at 1.25 pixels per point.
  const zoomed = await browser.newContext({ viewport: { width: 1093, height: 614 }, deviceScaleFactor: 1.25, ignoreHTTPSErrors: true });
  await zoomed.addCookies([cookie]);
  const zoomPage = await zoomed.newPage();
  await zoomPage.goto(base + '/desk');
  await zoomPage.locator(`tr[data-visit="${karim.body.id}"]`).waitFor();
  await zoomPage.screenshot({ path: join(shots, 'desk-board-1366x768-zoom125.png') });
  const overflow = await zoomPage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, `at 125 % zoom on 1366×768 the board needs no sideways scrolling (${overflow} px too wide)`);
  await zoomed.close();
  check(true, 'screenshots of every tab at 1366×768 and 1920×1080 in ' + shots);

  // ---- accessibility: axe-core on every tab ------------------------------------------
  // The scan's script is injected, which the page's CSP forbids: a context of its own.
  const axeContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, ignoreHTTPSErrors: true, bypassCSP: true });
  await axeContext.addCookies([cookie]);
  const axePage = await axeContext.newPage();
  await axePage.goto(base + '/desk');
  await axePage.getByText('● Verbonden').waitFor();
  await axePage.addScriptTag({ content: axeSource });
  for (const [name, label] of TABS) {
    await axePage.getByRole('tab', { name: new RegExp(label) }).click();
    if (name === 'report') await axePage.locator('#chart-hours svg').waitFor();
    const result = await axePage.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    check(result.passes.length > 0 && bad.length === 0, `axe-core: no serious or critical violations on the "${label}" tab (${result.passes.length} rules passed)` +
      (bad.length ? ': ' + bad.map((v) => `${v.id} (${v.nodes.length}: ${v.nodes[0].target.join(' ')})`).join('; ') : ''));
  }
  await axeContext.close();

  // ---- the session's secrecy -----------------------------------------------------------
  check(requested.every((u) => !u.includes(token)), 'the token never appears in a requested URL');
  check(withAuthorization.length === 0, 'the page never sends an Authorization header');
  const texts = await Promise.all(bodies);
  const leaking = texts.filter((b) => b.text.includes(token));
  check(leaking.length === 0, 'no response the page received carries the token' + (leaking.length ? ': ' + leaking.map((b) => b.url).join(', ') : ''));
  const stored = await page.evaluate(() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]));
  check(!stored.includes(token), 'nothing in localStorage or sessionStorage holds the token');
  check(!(await page.evaluate(() => document.cookie)).includes(token), 'document.cookie cannot read it (HttpOnly)');
  const before = (await api('GET', `/api/v1/visits/${karim.body.id}`, native)).body;
  const evil = await api('POST', `/api/v1/visits/${karim.body.id}/acknowledge`, { cookie: session.cookie, origin: 'https://evil.example' }, { minutes: 5 });
  check(evil.status === 403, `a POST with the cookie from another origin is refused (HTTP ${evil.status})`);
  const bare = await api('POST', `/api/v1/visits/${karim.body.id}/acknowledge`, { cookie: session.cookie }, { minutes: 5 });
  check(bare.status === 403, `a POST with the cookie and no Origin is refused (HTTP ${bare.status})`);
  const still = await api('GET', `/api/v1/visits/${karim.body.id}`, native);
  check(still.body.events.length === before.events.length && still.body.promised_at === before.promised_at,
    'neither refused request changed the visit');
  check(outside.length === 0, 'the page loaded nothing from outside the service' + (outside.length ? ': ' + outside.join(', ') : ''));
  check(cspViolations.length === 0, 'the page ran without a Content-Security-Policy violation' + (cspViolations.length ? ': ' + cspViolations[0] : ''));

  // ---- the pairing link, and signing off ---------------------------------------------------
  const other = await browser.newContext({ viewport: { width: 1366, height: 768 }, ignoreHTTPSErrors: true });
  const second = await other.newPage();
  const linkTicket = await deskCode();
  await second.goto(linkTicket.url);
  await second.getByText('● Verbonden').waitFor();
  check(!second.url().includes('pair='), 'opening the desk\'s pairing link pairs at once, and the code leaves the address bar');
  await second.locator(`tr[data-visit="${karim.body.id}"]`).waitFor();
  check(true, 'the second browser desk shows the same board');
  await other.close();

  await page.getByRole('button', { name: 'Afmelden…' }).click();
  await page.getByRole('dialog', { name: 'Afmelden?' }).getByRole('button', { name: 'Afmelden' }).click();
  await page.getByRole('heading', { name: 'Deze browser koppelen als balie' }).waitFor();
  const after = await api('GET', '/api/v1/me', session);
  check(after.status === 401, '"Afmelden" forgets the browser: its old cookie is refused afterwards');
} catch (e) {
  fail(e.stack || e.message);
} finally {
  if (browser) await browser.close();
  await serve.stop();
}
const failures = failureCount();
console.log(failures ? `${failures} failure(s)` : 'all desk page checks passed');
process.exit(failures ? 1 : 0);
