'use strict';
// Gastvrij phone page. Everything the colleague reads is Dutch; every text
// from the server goes in with textContent, never as HTML.
//
// The device's token lives only in an HttpOnly cookie the service sets when
// the phone pairs: this script never sees it, so nothing it does (or a
// proxy's log of its URLs) can leak it.
const $ = (id) => document.getElementById(id);
// Where earlier versions of this page kept the token; traded for the cookie once.
const OLD_KEY = 'gastvrij.phone.token';
let paired = false;
let me = null;
let source = null;
let skewMs = 0;
const visits = new Map();
const focusVisit = Number(new URLSearchParams(location.search).get('visit')) || 0;

function show(screen) {
  for (const s of ['pairing', 'board']) $(s).hidden = s !== screen;
}
function status(text, kind) {
  const el = $('status');
  el.textContent = text || '';
  el.className = 'status ' + (kind || '');
  el.hidden = !text;
}
let toastTimer = 0;
function toast(text) {
  const el = $('toast');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, 3500);
}
function firstName(full) { return (full || '').split(' ')[0]; }
function serverNow() { return (Date.now() + skewMs) / 1000; }

function forget(message) {
  paired = false;
  if (source) { source.close(); source = null; }
  $('live').hidden = true;
  show('pairing');
  status(message, 'error');
}

// A key of its own for every request that changes something (128 random bits).
function requestKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// A change carries an Idempotency-Key and is sent once more when its answer
// is lost (the phone's Wi-Fi dropped): the service answers the repeat with
// the first answer, so "I'm coming" is never sent twice.
async function api(method, path, body) {
  const headers = body === undefined ? {} : { 'Content-Type': 'application/json' };
  if (method !== 'GET') headers['Idempotency-Key'] = requestKey();
  const init = {
    method,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  };
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    res = await fetch(path, init);
  }
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (res.status === 401) {
    // Never paired (no cookie) is not an error; a withdrawn pairing is.
    forget(paired || (data && data.reason === 'revoked')
      ? 'Deze telefoon is niet meer gekoppeld. Vraag de receptie om een nieuwe koppelcode.' : '');
    const err = new Error('unpaired');
    err.status = 401;
    throw err;
  }
  if (!res.ok) {
    const err = new Error((data && data.error) || ('HTTP ' + res.status));
    err.status = res.status;
    throw err;
  }
  return data;
}

async function pair(code) {
  status('Koppelen…');
  const ua = navigator.userAgent;
  const name = 'Telefoon' + (/iPhone|iPad/.test(ua) ? ' (iPhone)' : /Android/.test(ua) ? ' (Android)' : '');
  let res;
  try {
    res = await fetch('/pair', { method: 'POST', credentials: 'same-origin',
                                 headers: { 'Content-Type': 'application/json' },
                                 body: JSON.stringify({ code, name, kind: 'phone', session: 'cookie' }) });
  } catch (e) {
    show('pairing');
    status('Geen verbinding met Gastvrij. Controleer de wifi en probeer het opnieuw.', 'error');
    return;
  }
  const data = await res.json().catch(() => ({}));
  if (res.status === 201) {
    status('');
    toast('Gekoppeld. U ziet hier wie er voor u komt.');
    start();
    return;
  }
  const why = {
    unknown: 'Deze koppelcode kennen we niet. Controleer de code of vraag de receptie om een nieuwe.',
    expired: 'Deze koppelcode is verlopen. Vraag de receptie om een nieuwe.',
    used: 'Deze koppelcode is al gebruikt. Vraag de receptie om een nieuwe.',
    kind: 'Deze koppelcode is niet voor een telefoon. Vraag de receptie om een koppelcode voor uw telefoon.',
  }[data.reason];
  show('pairing');
  status(why || ('Koppelen lukte niet (' + res.status + '). Probeer het opnieuw.'), 'error');
}

function upsert(v) {
  if (me && v.host === me.staff_id && (v.waiting || v.state === 'in_conversation')) visits.set(v.id, v);
  else visits.delete(v.id);
}

function stateLine(v) {
  switch (v.state) {
    case 'acknowledged': {
      const left = Math.round((v.promised_at - serverNow()) / 60);
      return left > 0 ? 'U komt eraan – nog ongeveer ' + left + ' min' : 'U zou er nu zijn';
    }
    case 'in_conversation': return 'In gesprek sinds ' + new Date(v.started_at * 1000).toTimeString().slice(0, 5);
    case 'escalated': return 'Doorgezet naar u: eerdere collega reageerde niet';
    case 'reassigned': return 'Door de receptie aan u toegewezen';
    default: return 'Wacht op uw antwoord';
  }
}

function button(text, label, onClick, cls) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  if (label) b.setAttribute('aria-label', label);
  if (cls) b.className = cls;
  b.addEventListener('click', onClick);
  return b;
}

function render() {
  const list = $('visits');
  list.textContent = '';
  const sorted = [...visits.values()].sort((a, b) => a.arrived_at - b.arrived_at);
  const waiting = sorted.filter((v) => v.waiting).length;
  $('count').textContent = waiting === 0 ? 'Er wacht nu niemand op u.'
    : waiting === 1 ? 'Er wacht 1 bezoeker op u' : 'Er wachten ' + waiting + ' bezoekers op u';
  for (const v of sorted) {
    const li = document.createElement('li');
    li.className = 'visit ' + v.promise + (v.id === focusVisit ? ' focus' : '');
    li.dataset.visit = v.id;
    const h = document.createElement('h3');
    // A name in Arabic script is isolated (FSI…PDI) so it keeps its place in the sentence.
    const name = v.visitor_name || 'Een bezoeker';
    h.textContent = (/[\u0590-\u08FF\uFB1D-\uFEFF]/.test(name) ? '\u2068' + name + '\u2069' : name) + ' is er voor u';
    const topic = document.createElement('p');
    topic.textContent = v.topic_label;
    const since = document.createElement('p');
    const mins = Math.max(0, Math.floor((serverNow() - v.arrived_at) / 60));
    since.textContent = 'Wacht sinds ' + v.waiting_since + ' (' + mins + ' min)';
    const st = document.createElement('p');
    st.className = 'state';
    st.textContent = stateLine(v);
    li.append(h, topic, since, st);
    if (v.waiting) {
      const lab = document.createElement('p');
      lab.className = 'coming-label';
      lab.textContent = 'Ik kom eraan';
      const row = document.createElement('div');
      row.className = 'coming';
      for (const m of [2, 5, 10])
        row.append(button(m + ' min', 'Ik kom eraan ' + m + ' min', () => act(v, 'acknowledge', { minutes: m }, li)));
      li.append(lab, row);
    }
    const actions = document.createElement('div');
    actions.className = 'actions';
    if (v.waiting) actions.append(button('Gesprek begonnen', null, () => act(v, 'start', {}, li)));
    if (v.state === 'in_conversation') actions.append(button('Klaar', null, () => act(v, 'finish', {}, li), 'done'));
    li.append(actions);
    list.append(li);
  }
}

async function act(v, action, body, card) {
  for (const b of card.querySelectorAll('button')) b.disabled = true;
  try {
    const nv = await api('POST', '/api/v1/visits/' + v.id + '/' + action, body);
    upsert(nv);
    render();
    toast(action === 'acknowledge' ? 'Doorgegeven: u komt over ' + body.minutes + ' min.'
        : action === 'start' ? 'Gesprek begonnen.' : 'Afgerond. Dank u wel!');
  } catch (e) {
    if (e.status === 401) return;
    if (e.status === 409 || e.status === 404 || e.status === 403) {
      toast('Dit bezoek is intussen veranderd.');
      load();
    } else {
      toast('Dat lukte niet: ' + e.message);
      render();
    }
  }
}

async function load() {
  const d = await api('GET', '/api/v1/visits');
  skewMs = d.now * 1000 - Date.now();
  visits.clear();
  for (const v of d.visits) upsert(v);
  render();
}

function showPresence(p) {
  for (const b of document.querySelectorAll('[data-presence]'))
    b.setAttribute('aria-pressed', String(b.dataset.presence === p));
}

async function loadPresence() {
  const d = await api('GET', '/api/v1/presence');
  const mine = d.staff.find((s) => s.id === me.staff_id);
  showPresence(mine ? mine.presence : 'unknown');
}

function connect() {
  if (source) source.close();
  // Same origin: the cookie goes along; the browser resumes with Last-Event-ID itself.
  source = new EventSource('/api/v1/events');
  source.addEventListener('hello', () => {
    status('');
    $('live').hidden = false;
    load().catch(() => {});
  });
  source.addEventListener('visit', (e) => { upsert(JSON.parse(e.data).visit); render(); });
  source.addEventListener('reset', () => { load().catch(() => {}); });
  source.addEventListener('presence', (e) => {
    const d = JSON.parse(e.data);
    if (me && d.id === me.staff_id) showPresence(d.presence);
  });
  source.addEventListener('notification', (e) => {
    const d = JSON.parse(e.data);
    if (d.visit) { upsert(d.visit); render(); }
    if (navigator.vibrate) navigator.vibrate([300, 150, 300]);
    toast(d.title || 'Er is bezoek voor u');
  });
  source.onerror = () => {
    $('live').hidden = true;
    if (!paired) return;
    status('Verbinding verbroken – opnieuw verbinden…');
    // EventSource retries by itself unless the server refused; then find out why.
    if (source.readyState === EventSource.CLOSED) setTimeout(start, 5000);
  };
}

// A phone paired by an earlier version of this page holds its token in
// localStorage: trade it for the cookie once, so nobody has to pair again.
async function adoptOldToken() {
  let old = null;
  try { old = localStorage.getItem(OLD_KEY); } catch (e) { old = null; }
  if (!old) return;
  try {
    const res = await fetch('/api/v1/session', { method: 'POST', credentials: 'same-origin',
                                                 headers: { 'Authorization': 'Bearer ' + old } });
    if (res.status === 204 || res.status === 401) localStorage.removeItem(OLD_KEY);
  } catch (e) {
    // No connection now: try again on the next start.
  }
}

async function start() {
  await adoptOldToken();
  try {
    me = await api('GET', '/api/v1/me');
  } catch (e) {
    if (e.status !== 401) {
      show('board');
      status('Geen verbinding met Gastvrij – opnieuw proberen…', 'error');
      setTimeout(start, 5000);
    }
    return;
  }
  if (me.kind !== 'phone') { forget('Deze koppeling hoort niet bij een telefoon.'); return; }
  paired = true;
  show('board');
  $('hello').textContent = 'Hallo ' + firstName(me.staff_name);
  connect();
  loadPresence().catch(() => {});
}

document.addEventListener('DOMContentLoaded', () => {
  $('pair-form').addEventListener('submit', (e) => {
    e.preventDefault();
    pair($('code').value.trim());
  });
  $('unpair').addEventListener('click', async () => {
    if (!confirm('Deze telefoon ontkoppelen? U krijgt hier dan geen bezoek meer te zien.')) return;
    try {
      await api('POST', '/api/v1/logout');
    } catch (e) {
      if (e.status !== 401) { toast('Dat lukte niet: ' + e.message); return; }
    }
    forget('Ontkoppeld. Scan een nieuwe QR-code van de receptie om weer te koppelen.');
  });
  for (const b of document.querySelectorAll('[data-presence]')) {
    b.addEventListener('click', async () => {
      try {
        const d = await api('PUT', '/api/v1/presence', { presence: b.dataset.presence });
        showPresence(d.presence);
      } catch (e) {
        if (e.status !== 401) toast('Dat lukte niet: ' + e.message);
      }
    });
  }
  // Minutes waiting move on without any event.
  setInterval(() => { if (visits.size) render(); }, 30000);
  const code = new URLSearchParams(location.hash.slice(1)).get('pair');
  if (code) {
    // A reload must not try the used code again.
    history.replaceState(null, '', location.pathname + location.search);
    pair(code);
  } else {
    start();
  }
});
