// The reception companion in a browser. Pairing sets an HttpOnly cookie the
// page never sees; every call after that is a plain same-origin fetch. The
// event stream keeps the board live; a /health probe notices a service that
// stopped answering even while the stream looks open.
import { state, hooks, api, observeServiceNow, errorWords, confirmDialog } from './desk-core.js';
import {
  applyVisit, promiseBroken, replaceVisits, checkPromises, renderBoard, renderWalkIn, setupWalkIn, waitingCount,
} from './desk-board.js';
import {
  renderCallbacks, renderPresence, renderDead, callbackEvent, presenceEvent, sortPresence, callbacksLabel, loadDead,
  setupLists,
} from './desk-lists.js';
import { renderReport, setupReport } from './desk-report.js';
import { renderPairingTab, setupPairingTab } from './desk-pairing.js';

const $ = (id) => document.getElementById(id);
const TABS = ['board', 'callbacks', 'presence', 'report', 'dead', 'pairing'];
const PROBE_MS = 1500, PROBE_TIMEOUT_MS = 2000, DEAD_DELAY_MS = 3000, CALLBACK_REFRESH_MS = 60000;

let stream = null;
let paired = false;
let probeOk = true;
let lost = false; // the connection was there (or tried) and is gone: say so
let streamOpen = false;
let restartStream = false; // the probe lost the service: the open stream may be dead
let backoff = 1000;
let retryTimer = 0;
let loadReportNow = () => {};
let loadDevicesNow = () => {};
let messageTimer = 0;

// ---- telling ----------------------------------------------------------------

hooks.tell = (text, kind) => {
  const box = $('message');
  box.textContent = text;
  box.className = 'message ' + (kind || '');
  box.hidden = false;
  clearTimeout(messageTimer);
  messageTimer = setTimeout(() => { box.hidden = true; }, kind === 'warn' ? 20000 : 8000);
};

function setOnline(online) {
  const changed = state.online !== online;
  state.online = online;
  if (online) lost = false;
  const c = $('connection');
  c.dataset.state = online ? 'online' : paired && lost ? 'offline' : 'connecting';
  c.textContent = online ? '● Verbonden' : !paired ? 'Niet gekoppeld' : lost ? 'Verbinding weg' : 'Verbinden…';
  $('offline').hidden = online || !paired || !lost;
  if (changed) render();
}

// ---- rendering --------------------------------------------------------------

function tabLabel(name) {
  if (name === 'board') return { text: 'Wachtenden (' + waitingCount() + ')', urgent: state.alerts.length > 0 };
  if (name === 'callbacks') return callbacksLabel();
  if (name === 'presence') return { text: 'Aanwezigheid' };
  if (name === 'report') return { text: 'Cijfers' };
  if (name === 'pairing') return { text: 'Koppelen' };
  return { text: state.dead.length ? 'Niet bezorgd (' + state.dead.length + ')' : 'Niet bezorgd', urgent: state.dead.length > 0 };
}

function render() {
  if (!paired) return;
  for (const name of TABS) {
    const l = tabLabel(name);
    const tab = $('tab-' + name);
    tab.textContent = (l.urgent ? '⚠ ' : '') + l.text;
    tab.classList.toggle('urgent', !!l.urgent);
  }
  renderBoard();
  renderWalkIn();
  renderCallbacks();
  renderPresence();
  renderDead();
  renderReport();
  renderPairingTab();
}
hooks.render = render;

// ---- tabs -------------------------------------------------------------------

function selectTab(name, focus) {
  for (const n of TABS) {
    const on = n === name;
    const tab = $('tab-' + n);
    tab.setAttribute('aria-selected', on ? 'true' : 'false');
    tab.tabIndex = on ? 0 : -1;
    $('panel-' + n).hidden = !on;
  }
  if (focus) $('tab-' + name).focus();
  if (name === 'report' && !state.report && state.online) loadReportNow();
  if (name === 'pairing' && state.online) loadDevicesNow();
}

function setupTabs() {
  const list = $('tablist');
  list.addEventListener('click', (e) => {
    const tab = e.target.closest('[role=tab]');
    if (tab) selectTab(tab.id.slice(4), true);
  });
  list.addEventListener('keydown', (e) => {
    const current = TABS.indexOf(document.activeElement.id.slice(4));
    if (current < 0) return;
    let next = -1;
    if (e.key === 'ArrowRight') next = (current + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (current + TABS.length - 1) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next < 0) return;
    e.preventDefault();
    selectTab(TABS[next], true);
  });
}

// ---- loading ----------------------------------------------------------------

// Everything the board shows, fresh: after (re)connecting and after a reset.
async function reload() {
  const askedAt = state.seq;
  try {
    const [visits, presence, directory] = await Promise.all([
      api('GET', '/api/v1/visits'), api('GET', '/api/v1/presence'), api('GET', '/api/v1/directory')]);
    observeServiceNow(visits.now);
    replaceVisits(visits.visits, askedAt);
    state.presence = presence.staff;
    state.presenceDate = presence.date;
    if (!state.today) state.today = presence.date;
    sortPresence();
    state.directory = directory;
    // Neither may keep the board from showing: a service without them answers 404.
    try {
      const cb = await api('GET', '/api/v1/callbacks');
      state.callbacks = cb.callbacks;
      state.today = cb.today || state.today;
      observeServiceNow(cb.now);
      state.callbacksAt = Date.now();
    } catch (e) {
      if (e.status === 0) throw e;
    }
    try {
      await loadDead();
    } catch (e) {
      if (e.status === 0) throw e;
    }
    checkPromises();
    render();
    if (!$('panel-report').hidden) loadReportNow();
  } catch (e) {
    if (e.status !== 401 && e.status !== 0) hooks.tell(errorWords('Het bord verversen', e), 'warn');
  }
}
hooks.reload = reload;

// ---- the event stream -------------------------------------------------------

function on(source, name, handle) {
  source.addEventListener(name, (e) => {
    let data;
    try {
      data = JSON.parse(e.data);
    } catch {
      return; // a frame we cannot read is skipped, not fatal
    }
    handle(data);
    render();
  });
}

function openStream() {
  clearTimeout(retryTimer);
  if (stream) stream.close();
  streamOpen = false;
  const source = new EventSource('/api/v1/events');
  stream = source;
  on(source, 'hello', () => {
    if (source !== stream) return;
    streamOpen = true;
    backoff = 1000;
    setOnline(probeOk);
    // What happened while away (presence and callbacks are not replayed).
    reload();
  });
  on(source, 'visit', (d) => {
    applyVisit(d.visit, d.event);
    deadSoon();
  });
  on(source, 'presence', (p) => presenceEvent(p));
  on(source, 'callback', (c) => callbackEvent(c));
  on(source, 'notification', (n) => { if (n.kind === 'promise_broken') promiseBroken(n.visit); });
  on(source, 'reset', () => reload());
  source.onerror = () => {
    if (source !== stream) return;
    streamOpen = false;
    lost = true;
    setOnline(false);
    if (source.readyState === EventSource.CLOSED) {
      // Refused outright (401, 503, a proxy's page): find out why, then try anew.
      api('GET', '/api/v1/me').then(() => scheduleStream(), (e) => { if (e.status !== 401) scheduleStream(); });
    }
    // Otherwise the browser reconnects by itself, with Last-Event-ID.
  };
}

// A new visit or a change sends notifications; one that cannot be delivered
// shows on the visitor's row. Asked a moment later, once per burst of events.
let deadTimer = 0;
function deadSoon() {
  if (deadTimer) return;
  deadTimer = setTimeout(() => {
    deadTimer = 0;
    if (state.online) loadDead().then(render, () => {});
  }, DEAD_DELAY_MS);
}

function scheduleStream() {
  if (!paired) return;
  clearTimeout(retryTimer);
  retryTimer = setTimeout(openStream, backoff);
  backoff = Math.min(10000, backoff * 2);
}

async function probe() {
  if (!paired) return;
  let ok;
  try {
    const res = await fetch('/health', { cache: 'no-store', credentials: 'same-origin', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    ok = res.status === 200 || res.status === 503;
  } catch {
    ok = false;
  }
  if (!ok) {
    probeOk = false;
    restartStream = true;
    lost = true;
    setOnline(false);
  } else if (!probeOk) {
    probeOk = true;
    const stale = restartStream && stream && stream.readyState === EventSource.OPEN;
    restartStream = false;
    if (stale) {
      // The stream never noticed (the service hung rather than went away):
      // start a new one; its hello brings the catch-up.
      openStream();
    } else {
      // Reconnecting by itself, with Last-Event-ID: leave it to the browser.
      setOnline(streamOpen);
    }
  }
}

// ---- pairing ----------------------------------------------------------------

// A typed code, or a whole pasted pairing link (…/desk#pair=CODE&fp=…).
function codeFrom(text) {
  const t = text.trim();
  const at = t.indexOf('pair=');
  if (at >= 0) {
    const params = new URLSearchParams(t.slice(t.lastIndexOf('#', at) + 1 || at));
    return (params.get('pair') || '').trim();
  }
  return t;
}

function pairWords(e) {
  if (e.status === 409 || e.reason === 'kind') return 'Deze code is voor een ander soort apparaat (een telefoon of kiosk). De code is niet gebruikt; vraag een koppelcode voor een balie.';
  if (e.status === 401) return 'Die koppelcode kent de service niet; kijk de code na of vraag een nieuwe.';
  if (e.status === 410) return e.reason === 'used' ? 'Deze koppelcode is al gebruikt: een code werkt één keer. Vraag een nieuwe code.' : 'Deze koppelcode is verlopen. Vraag een nieuwe code.';
  if (e.status === 429) return 'Te veel pogingen achter elkaar. Wacht even en probeer het opnieuw.';
  if (e.status === 400) return 'Vul een koppelcode in (bijvoorbeeld ABCD-EFGH) of plak de hele koppellink.';
  if (e.status === 0) return 'De service is niet bereikbaar. Probeer het opnieuw zodra de verbinding terug is.';
  return 'Koppelen lukte niet (HTTP ' + e.status + '): ' + e.message;
}

async function pair(code) {
  const error = $('pair-error');
  error.textContent = '';
  if (!code) {
    error.textContent = 'Vul een koppelcode in (bijvoorbeeld ABCD-EFGH) of plak de hele koppellink.';
    $('pair-code').focus();
    return;
  }
  const name = $('pair-name').value.trim() || 'Balie (browser)';
  $('pair-submit').disabled = true;
  try {
    const r = await api('POST', '/pair', { code, name, session: 'cookie', kind: 'desk' });
    $('pair-code').value = '';
    hooks.tell('Deze browser is gekoppeld als "' + r.device.name + '".', 'ok');
    await start();
  } catch (e) {
    error.textContent = pairWords(e);
    $('pair-code').focus();
  } finally {
    $('pair-submit').disabled = false;
  }
}

function showPairing(why) {
  paired = false;
  if (stream) stream.close();
  stream = null;
  clearTimeout(retryTimer);
  state.device = null;
  state.visits.clear();
  state.alerts = [];
  state.selected = 0;
  // Nothing of the last session stays in the page.
  state.pairingCode = null;
  state.devices = null;
  state.callbacks = null;
  state.dead = [];
  state.report = null;
  $('desk').hidden = true;
  $('pairing').hidden = false;
  $('logout').hidden = true;
  $('device-name').textContent = '';
  setOnline(false);
  if (why) $('pair-error').textContent = why;
  $('pair-code').focus();
}
hooks.unpaired = (why) => { if (paired) showPairing(why); };

async function start() {
  let me;
  try {
    me = await api('GET', '/api/v1/me');
  } catch (e) {
    if (e.status === 401) {
      showPairing('');
      return;
    }
    // Not reachable now: keep trying, the page stays as it is.
    $('connection').textContent = 'Service niet bereikbaar — opnieuw proberen…';
    $('connection').dataset.state = 'offline';
    setTimeout(start, 3000);
    return;
  }
  if (me.kind !== 'desk') {
    showPairing('Deze browser is gekoppeld als ' + me.kind + ', niet als balie. Koppel met een code voor een balie.');
    return;
  }
  state.device = me;
  paired = true;
  $('pairing').hidden = true;
  $('desk').hidden = false;
  $('logout').hidden = false;
  $('device-name').textContent = 'Gekoppeld als ' + me.name;
  setOnline(false);
  openStream();
}

async function logout() {
  const answer = await confirmDialog('Afmelden?',
    'Deze browser wordt ontkoppeld: de service vergeet hem. Daarna is een nieuwe koppelcode nodig om hier weer de balie te zien.',
    [{ label: 'Afmelden', value: 'yes', kind: 'danger' }, { label: 'Blijven', value: '', safe: true }]);
  if (answer !== 'yes') return;
  try {
    await api('POST', '/api/v1/logout', {});
  } catch (e) {
    if (e.status !== 401) {
      hooks.tell(errorWords('Afmelden', e), 'warn');
      return;
    }
  }
  showPairing('');
  hooks.tell('Deze browser is afgemeld.', 'ok');
}

// ---- start ------------------------------------------------------------------

function everyFewSeconds() {
  if (!paired) return;
  checkPromises();
  render(); // minutes waiting and promises move with the clock
  if (state.online && Date.now() - (state.callbacksAt || 0) > CALLBACK_REFRESH_MS) {
    api('GET', '/api/v1/callbacks').then((cb) => { state.callbacks = cb.callbacks; state.callbacksAt = Date.now(); render(); }, () => {});
  }
}

function main() {
  setupTabs();
  setupWalkIn();
  setupLists();
  loadReportNow = setupReport();
  loadDevicesNow = setupPairingTab();
  $('pair-form').addEventListener('submit', (e) => {
    e.preventDefault();
    pair(codeFrom($('pair-code').value));
  });
  $('logout').addEventListener('click', logout);
  setInterval(probe, PROBE_MS);
  setInterval(everyFewSeconds, 5000);
  selectTab('board', false);
  const hash = new URLSearchParams(location.hash.slice(1));
  const code = hash.get('pair');
  if (code) {
    // The code is used up by pairing: it must not stay in the address bar or history.
    history.replaceState(null, '', location.pathname + location.search);
    $('pairing').hidden = false;
    pair(code.trim());
    return;
  }
  start();
}

main();
