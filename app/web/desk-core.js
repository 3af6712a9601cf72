// Shared by the desk page's modules: the page's state, the API call, DOM
// building without innerHTML (visitors type names and remarks), and the
// Dutch words the native companion uses for the same things.

export const state = {
  device: null,
  online: false,
  offset: 0, // service clock minus this computer's clock, in seconds
  visits: new Map(), // id → { view, seq }
  seq: 0, // bumped on every change a stream event makes
  directory: null,
  presence: [],
  presenceDate: '',
  callbacks: null,
  today: '',
  dead: [],
  alerts: [], // { visit, escalated, at }
  alerted: new Map(), // visit id → deadline already announced
  selected: 0,
  reassignTo: null,
  reportSpan: 0,
  report: null,
  trend: null,
};

// What the entry module fills in: re-render, reload, tell, forget the pairing.
export const hooks = {
  render() {},
  reload() {},
  tell(_text, _kind) {},
  unpaired(_why) {},
};

export class ApiError extends Error {
  constructor(status, message, field = '', reason = '') {
    super(message);
    this.status = status;
    this.field = field;
    this.reason = reason;
  }
}

// A key of its own for every request that changes something (128 random bits).
export function requestKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// Every call carries the HttpOnly cookie and nothing else: no token in a
// header, a URL or storage. The browser adds Origin to a POST/PUT/DELETE.
// A change carries an Idempotency-Key and is sent once more when its answer
// is lost (a dropped connection): the service answers the repeat with the
// first answer, so nothing is done twice.
export async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET') init.headers['Idempotency-Key'] = requestKey();
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    try {
      res = await fetch(path, init);
    } catch {
      throw new ApiError(0, 'de service is niet bereikbaar');
    }
  }
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const e = new ApiError(res.status, (data && data.error) || 'HTTP ' + res.status,
      (data && data.field) || '', (data && data.reason) || '');
    if (res.status === 401 && path.startsWith('/api/')) hooks.unpaired('De service herkent deze balie niet (meer). Koppel opnieuw met een nieuwe code.');
    throw e;
  }
  return data;
}

// Builds an element. Strings become text nodes; attributes are set one by
// one, so nothing a visitor typed is ever parsed as markup.
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attrs);
  append(node, children);
  return node;
}

function setAttributes(node, attrs) {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = String(v);
    else if (k === 'onclick') node.addEventListener('click', v);
    else if (k === 'onkeydown') node.addEventListener('keydown', v);
    else if (k === 'onchange') node.addEventListener('change', v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(node, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

// Replaces a container's children, keeping keyboard focus on the element with
// the same data-key if there was one (a re-render must not lose the focus).
// Unchanged content is left alone: a screen reader keeps its place, an open
// list stays open.
export function replaceKeepingFocus(container, children) {
  // eslint-disable-next-line no-restricted-syntax -- reads markup to compare; never writes any
  const sig = children.map((c) => c.outerHTML).join('');
  if (container.dataset.sig === sig) return;
  container.dataset.sig = sig;
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.getAttribute('data-key') : null;
  container.replaceChildren(...children);
  if (key) {
    const again = container.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (again && !again.disabled) again.focus();
  }
}

export function serviceNow() {
  return Date.now() / 1000 + state.offset;
}

// The service's clock, from a `now` it sent; never backwards by a late reply.
export function observeServiceNow(now) {
  if (!now) return;
  const offset = now - Date.now() / 1000;
  if (offset > state.offset || Math.abs(offset - state.offset) > 5) state.offset = offset;
}

export function announce(text) {
  const live = document.getElementById('announce');
  // A new node each time: screen readers announce additions.
  live.append(el('p', { text }));
  while (live.childElementCount > 5) live.firstElementChild.remove();
}

// ---- words ------------------------------------------------------------------

export const PROMISE_WORDS = { on_time: 'op tijd', at_risk: 'bijna te laat', broken: 'te laat', kept: 'geholpen' };
const RANK = { on_time: 0, at_risk: 1, broken: 2, kept: 3 };
export const WAITING = new Set(['arrived', 'host_notified', 'acknowledged', 'escalated', 'reassigned']);
export const TERMINAL = new Set(['finished', 'cancelled', 'left']);
const AT_RISK_SECONDS = 60;

export function visitorLabel(v) {
  return v.visitor_name ? v.visitor_name : 'bezoeker';
}

export function topicLabel(v) {
  return v.topic_label || v.topic || '';
}

export function addMinutes(hhmm, minutes) {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm || '');
  if (!m) return '';
  const total = (((Number(m[1]) * 60 + Number(m[2]) + minutes) % 1440) + 1440) % 1440;
  return String(Math.floor(total / 60)).padStart(2, '0') + ':' + String(total % 60).padStart(2, '0');
}

function deadlineOf(v) {
  if (v.state === 'host_notified' || v.state === 'escalated' || v.state === 'reassigned') return v.ack_deadline;
  if (v.state === 'acknowledged') return v.promised_at;
  return 0;
}

// The row's promise as of now: the worse of what the service said and what
// the clock says since (a promise breaks between two events).
export function visitStatus(v) {
  const now = Math.floor(serviceNow());
  const waiting = WAITING.has(v.state);
  let computed = 'on_time';
  const deadline = deadlineOf(v);
  if (!waiting) computed = 'kept';
  else if (deadline && now >= deadline) computed = 'broken';
  else if (deadline && deadline - now <= AT_RISK_SECONDS) computed = 'at_risk';
  let promise = RANK[computed] > RANK[v.promise] ? computed : v.promise;
  if (!waiting) promise = 'kept';
  const end = v.started_at || v.closed_at || now;
  const minutes = Math.max(v.minutes_waiting || 0, end > v.arrived_at ? Math.floor((end - v.arrived_at) / 60) : 0);
  let promised = '';
  if (v.state === 'acknowledged' && v.promised_at > 0 && v.arrived_at > 0) {
    const intoMinute = ((v.arrived_at % 60) + 60) % 60;
    promised = addMinutes(v.waiting_since, Math.floor((intoMinute + v.promised_at - v.arrived_at) / 60));
  }
  const lateBy = deadline ? now - deadline : -Infinity;
  return { waiting, promise, minutes, promised, deadline, lateBy };
}

export function visitStand(v, promised) {
  switch (v.state) {
    case 'arrived':
    case 'host_notified': return 'wacht op antwoord';
    case 'escalated': return 'doorgestuurd: geen antwoord';
    case 'reassigned': return 'doorgestuurd door balie';
    case 'acknowledged': return promised ? 'komt eraan, om ' + promised : 'komt eraan';
    case 'in_conversation': return 'in gesprek';
    case 'finished': return 'afgerond';
    case 'cancelled': return 'geannuleerd';
    case 'left': return 'weggegaan';
    default: return '';
  }
}

export const LANGUAGES = { nl: 'Nederlands', en: 'Engels', tr: 'Turks', pl: 'Pools', ar: 'Arabisch' };
export function languageWords(code) {
  return LANGUAGES[code] || code || 'Nederlands';
}

export const PRESENCE_WORDS = { in: 'binnen', out: 'buiten', lunch: 'lunch', unknown: 'volgens rooster' };
export const NOTIFICATION_WORDS = {
  arrived: 'bezoeker is er', escalated: 'doorgestuurd', reassigned: 'andere collega', promise_broken: 'belofte verbroken',
};
export const CHANNEL_WORDS = { companion: 'bord', email: 'e-mail', webhook: 'Teams/Slack', phone: 'telefoon' };

export function staffName(id) {
  if (!id) return 'Balie';
  const s = state.directory && state.directory.staff.find((x) => x.id === id);
  return s ? s.name : id;
}

export function teamName(id) {
  const t = state.directory && state.directory.teams.find((x) => x.id === id);
  return t ? t.name : id || '';
}

// "(lunch)" or "(buiten)" after a colleague who cannot take a visitor now.
export function unavailableNote(id) {
  const p = state.presence.find((x) => x.id === id);
  if (!p || p.available) return '';
  return p.presence === 'unknown' ? ' (niet ingeroosterd)' : ' (' + PRESENCE_WORDS[p.presence] + ')';
}

const FIELD_WORDS = {
  topic: 'kies een onderwerp uit de lijst.',
  host: "die collega staat niet (meer) in de lijst van collega's.",
  name: 'een voornaam mag alleen letters, spaties, streepjes, apostroffen en punten bevatten, hoogstens 60 tekens.',
  minutes: 'kies tussen 1 en 120 minuten.',
  presence: 'kies binnen, buiten, lunch of volgens rooster.',
  language: 'die taal biedt dit kantoor niet aan.',
  code: 'die koppelcode kent de service niet; kijk de code na.',
};

// "<doing> lukte niet: <why>", as the native companion says it.
export function errorWords(doing, e) {
  let why;
  switch (e.status) {
    case 0: why = 'de service is niet bereikbaar (netwerk of service uit). Er is niets veranderd; probeer het opnieuw zodra de verbinding terug is.'; break;
    case 400: why = FIELD_WORDS[e.field] || 'de service weigerde het verzoek (' + e.message + ').'; break;
    case 401: why = 'deze balie is niet (meer) gekoppeld. Koppel opnieuw met een nieuwe code.'; break;
    case 403: why = 'dat mag dit apparaat niet; alleen een gekoppelde balie kan dit.'; break;
    case 404: why = 'dit bezoek of bericht bestaat niet meer. Het bord is bijgewerkt.'; break;
    case 409: why = 'het bezoek is intussen veranderd (een collega of de service was u voor). Het bord is bijgewerkt; kijk opnieuw en probeer het zo nodig nog eens.'; break;
    case 429: why = 'te veel verzoeken achter elkaar. Wacht een paar seconden en probeer het opnieuw.'; break;
    case 503: why = 'de service kan het nu niet opslaan (tijdelijke storing). Er is niets veranderd; probeer het zo opnieuw.'; break;
    default: why = 'er ging iets mis (HTTP ' + e.status + '): ' + e.message;
  }
  return doing + ' lukte niet: ' + why;
}

// Runs an action, tells how it went, and reloads after a refusal that means
// the board was out of date.
export async function act(doing, call, said) {
  try {
    const result = await call();
    if (said) hooks.tell(said(result), 'ok');
    return result;
  } catch (e) {
    if (e.status !== 401) hooks.tell(errorWords(doing, e), 'warn');
    if (e.status === 404 || e.status === 409) hooks.reload();
    return null;
  }
}

// ---- the confirmation dialog ------------------------------------------------

// Asks in a modal <dialog>; resolves with the chosen button's value, or ''
// when closed with Escape. The harmless answer gets the focus first.
export function confirmDialog(title, text, buttons) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  const row = document.getElementById('confirm-buttons');
  row.replaceChildren(...buttons.map((b) => el('button', {
    value: b.value, class: 'button ' + (b.kind || ''), autofocus: b.safe || undefined, text: b.label,
  })));
  const opener = document.activeElement;
  const openerKey = opener && opener.getAttribute('data-key');
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      // Back to the button that asked — or its successor, if a re-render replaced it.
      const back = opener && document.contains(opener) ? opener
        : openerKey && document.querySelector(`[data-key="${CSS.escape(openerKey)}"]`);
      if (back && !back.disabled) back.focus();
      resolve(dialog.returnValue);
    }, { once: true });
    dialog.returnValue = '';
    dialog.showModal();
  });
}
