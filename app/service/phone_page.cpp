// The phone page for colleagues: plain HTML, CSS and JavaScript compiled into
// the program, so a kiosk serves it with nothing to install or find on disk and
// no outside resources (the office network may have no internet).
//
// Flow: the desk shows a QR code with <public_url>/phone#pair=CODE; the page
// trades the code for a token at POST /pair, keeps the token in localStorage,
// lists the visits waiting for its colleague and follows them live through
// EventSource(/api/v1/events?token=…).
#include "http/http.h"

#include "service/api_server.h"

namespace gastvrij {

namespace {

const char* const kPhoneHtml = R"HTML(<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="theme-color" content="#0b5a4a">
<title>Gastvrij – bezoek voor u</title>
<link rel="stylesheet" href="/phone.css">
<script src="/phone.js" defer></script>
</head>
<body>
<header><h1 id="hello">Gastvrij</h1><span id="live" class="live" hidden>live</span></header>
<p id="status" class="status" role="status" aria-live="polite" hidden></p>
<main>
<section id="pairing" hidden>
  <h2>Telefoon koppelen</h2>
  <p>Scan de QR-code op het scherm van de receptie. Of typ hieronder de koppelcode die de receptie u geeft.</p>
  <form id="pair-form">
    <label for="code">Koppelcode</label>
    <input id="code" name="code" autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" maxlength="12" required>
    <button type="submit" class="primary">Koppelen</button>
  </form>
</section>
<section id="board" hidden>
  <h2 id="count" aria-live="polite"></h2>
  <ul id="visits" class="visits"></ul>
  <section class="presence" aria-labelledby="presence-title">
    <h2 id="presence-title">Vandaag ben ik</h2>
    <div class="row">
      <button type="button" data-presence="in">Aanwezig</button>
      <button type="button" data-presence="lunch">Lunch</button>
      <button type="button" data-presence="out">Afwezig</button>
    </div>
  </section>
</section>
</main>
<div id="toast" class="toast" role="alert" hidden></div>
</body>
</html>
)HTML";

const char* const kPhoneCss = R"CSS(
*{box-sizing:border-box}
html{font-size:18px;-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;background:#f4f6f5;color:#111;line-height:1.4}
header{display:flex;align-items:center;justify-content:space-between;background:#0b5a4a;color:#fff;padding:.8rem 1rem}
h1{font-size:1.4rem;margin:0}
h2{font-size:1.15rem;margin:1rem 0 .6rem}
main{padding:0 1rem 6rem;max-width:40rem;margin:0 auto}
.live{font-size:.8rem;background:#d8f3e9;color:#0b5a4a;border-radius:1rem;padding:.15rem .6rem}
.status{margin:0;padding:.7rem 1rem;background:#fff4d6;color:#5a4100;font-weight:600}
.status.error{background:#fde2e1;color:#8a1410}
label{display:block;font-weight:600;margin:.8rem 0 .3rem}
input{width:100%;font-size:1.5rem;letter-spacing:.15em;padding:.7rem;border:2px solid #555;border-radius:.6rem;text-transform:uppercase}
button{font:inherit;font-weight:700;min-height:3.4rem;border-radius:.8rem;border:2px solid #0b5a4a;background:#fff;color:#0b5a4a;padding:.6rem 1rem;cursor:pointer}
button.primary{background:#0b5a4a;color:#fff;width:100%;margin-top:1rem}
button:disabled{opacity:.5}
button:focus-visible{outline:4px solid #f0a400;outline-offset:2px}
.visits{list-style:none;margin:0;padding:0}
.visit{background:#fff;border-radius:1rem;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 4px rgba(0,0,0,.15);border-left:.5rem solid #0b5a4a}
.visit.at_risk{border-left-color:#e08a00}
.visit.broken{border-left-color:#c62828}
.visit.focus{outline:4px solid #f0a400}
.visit h3{margin:0 0 .3rem;font-size:1.3rem}
.visit p{margin:.2rem 0}
.visit .state{font-weight:600}
.coming{display:grid;grid-template-columns:repeat(3,1fr);gap:.5rem;margin-top:.4rem}
.coming button{white-space:nowrap;padding:.6rem .3rem}
.coming-label{font-weight:700;margin-top:.8rem}
.actions{display:grid;gap:.5rem;margin-top:.6rem}
.actions button.done{background:#0b5a4a;color:#fff}
.presence .row{display:grid;grid-template-columns:repeat(3,1fr);gap:.5rem}
.presence button[aria-pressed="true"]{background:#0b5a4a;color:#fff}
.empty{color:#444;background:#fff;border-radius:1rem;padding:1.2rem;text-align:center}
.toast{position:fixed;left:1rem;right:1rem;bottom:1rem;background:#222;color:#fff;padding:1rem;border-radius:.8rem;font-weight:600;text-align:center}
@media (prefers-color-scheme:dark){body{background:#101413;color:#eee}.visit,.empty{background:#1d2523;color:#eee}button{background:#1d2523;color:#9fe3cc;border-color:#9fe3cc}}
)CSS";

const char* const kPhoneJs = R"JS('use strict';
// Gastvrij phone page. Everything the colleague reads is Dutch; every text
// from the server goes in with textContent, never as HTML.
const KEY = 'gastvrij.phone.token';
const $ = (id) => document.getElementById(id);
let token = localStorage.getItem(KEY);
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
  token = null;
  localStorage.removeItem(KEY);
  if (source) { source.close(); source = null; }
  $('live').hidden = true;
  show('pairing');
  status(message, 'error');
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (res.status === 401) {
    forget('Deze telefoon is niet meer gekoppeld. Vraag de receptie om een nieuwe koppelcode.');
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
    res = await fetch('/pair', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                 body: JSON.stringify({ code, name }) });
  } catch (e) {
    show('pairing');
    status('Geen verbinding met Gastvrij. Controleer de wifi en probeer het opnieuw.', 'error');
    return;
  }
  const data = await res.json().catch(() => ({}));
  if (res.status === 201 && data.token) {
    token = data.token;
    localStorage.setItem(KEY, token);
    status('');
    toast('Gekoppeld. U ziet hier wie er voor u komt.');
    start();
    return;
  }
  const why = {
    unknown: 'Deze koppelcode kennen we niet. Controleer de code of vraag de receptie om een nieuwe.',
    expired: 'Deze koppelcode is verlopen. Vraag de receptie om een nieuwe.',
    used: 'Deze koppelcode is al gebruikt. Vraag de receptie om een nieuwe.',
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
  source = new EventSource('/api/v1/events?token=' + encodeURIComponent(token));
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
    if (!token) return;
    status('Verbinding verbroken – opnieuw verbinden…');
    // EventSource retries by itself unless the server refused; then find out why.
    if (source.readyState === EventSource.CLOSED) setTimeout(start, 5000);
  };
}

async function start() {
  if (!token) { show('pairing'); return; }
  show('board');
  try {
    me = await api('GET', '/api/v1/me');
  } catch (e) {
    if (e.status !== 401) {
      status('Geen verbinding met Gastvrij – opnieuw proberen…', 'error');
      setTimeout(start, 5000);
    }
    return;
  }
  if (me.kind !== 'phone') { forget('Deze sleutel hoort niet bij een telefoon.'); return; }
  $('hello').textContent = 'Hallo ' + firstName(me.staff_name);
  connect();
  loadPresence().catch(() => {});
}

document.addEventListener('DOMContentLoaded', () => {
  $('pair-form').addEventListener('submit', (e) => {
    e.preventDefault();
    pair($('code').value.trim());
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
)JS";

void static_asset(http::Response& res, const char* body, const char* type) {
    // Only this page's own files and this service: nothing from outside, no framing.
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
                   "base-uri 'none'; form-action 'self'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-cache");
    res.set_content(body, type);
}

}  // namespace

void ApiServer::add_page_routes() {
    auto& svr = router_;
    svr.get("/phone", [](const http::Request&, http::Response& res) {
        static_asset(res, kPhoneHtml, "text/html; charset=utf-8");
    });
    svr.get("/phone.css", [](const http::Request&, http::Response& res) {
        static_asset(res, kPhoneCss, "text/css; charset=utf-8");
    });
    svr.get("/phone.js", [](const http::Request&, http::Response& res) {
        static_asset(res, kPhoneJs, "text/javascript; charset=utf-8");
    });
    svr.get("/", [](const http::Request&, http::Response& res) { res.set_redirect("/phone"); });
}

}  // namespace gastvrij
