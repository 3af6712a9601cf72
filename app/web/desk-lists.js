// The callback requests, today's presence and the undelivered messages.
import {
  state, hooks, api, el, act, replaceKeepingFocus, serviceNow, confirmDialog, teamName, visitorLabel,
  PRESENCE_WORDS, NOTIFICATION_WORDS, CHANNEL_WORDS,
} from './desk-core.js';

const $ = (id) => document.getElementById(id);

// ---- callbacks --------------------------------------------------------------

const PART_WORDS = { morning: "'s ochtends", afternoon: "'s middags", evening: "'s avonds", any: 'geen voorkeur' };
const CALL_LANGUAGE = { en: 'Engels', tr: 'Turks', pl: 'Pools', ar: 'Arabisch' };

// "+31612345678" → "06 1234 5678": how a receptionist dials it.
export function dialWords(phone) {
  if (!phone || !phone.startsWith('+31')) return phone || '';
  const national = '0' + phone.slice(3);
  if (national.length === 10 && national.startsWith('06')) return national.slice(0, 2) + ' ' + national.slice(2, 6) + ' ' + national.slice(6);
  if (national.length === 10) return national.slice(0, 3) + ' ' + national.slice(3, 6) + ' ' + national.slice(6);
  return national;
}

function dayNumber(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000 : NaN;
}

function whenWords(date, hhmm, today) {
  const diff = dayNumber(date) - dayNumber(today);
  if (diff === 0) return 'vandaag ' + hhmm;
  if (diff === 1) return 'morgen ' + hhmm;
  if (diff === -1) return 'gisteren ' + hhmm;
  return date.length === 10 ? date.slice(8, 10) + '-' + date.slice(5, 7) + ' ' + hhmm : date + ' ' + hhmm;
}

function lateWords(seconds) {
  const minutes = Math.max(1, Math.floor(seconds / 60));
  if (minutes < 90) return minutes + ' min';
  if (minutes < 48 * 60) return Math.floor((minutes + 30) / 60) + ' uur';
  return Math.floor(minutes / (24 * 60)) + ' dagen';
}

export function callbackOverdue(c) {
  if (c.state === 'done') return false;
  return c.overdue || serviceNow() > c.due_at;
}

export function callbacksLabel() {
  const list = state.callbacks || [];
  const toDo = list.filter((c) => c.state !== 'done').length;
  const late = list.filter(callbackOverdue).length;
  if (late) return { text: 'Terugbellen (' + toDo + ', ' + late + ' te laat)', urgent: true };
  return { text: toDo ? 'Terugbellen (' + toDo + ')' : 'Terugbellen', urgent: false };
}

// How many stream events touched each callback request / colleague: a reply
// to this page's own request must not undo a newer change another desk made
// meanwhile (the stream brought that one first).
const callbackEvents = new Map(), presenceEvents = new Map();

export function callbackEvent(c) {
  callbackEvents.set(c.id, (callbackEvents.get(c.id) || 0) + 1);
  updateCallback(c);
}

export function presenceEvent(p) {
  presenceEvents.set(p.id, (presenceEvents.get(p.id) || 0) + 1);
  updatePresence(p);
}

export function updateCallback(c) {
  if (!state.callbacks) return;
  const i = state.callbacks.findIndex((x) => x.id === c.id);
  if (i >= 0) state.callbacks[i] = c;
  else state.callbacks.push(c);
}

function setCallbackState(c, to) {
  const about = c.topic_label ? ' (' + c.topic_label + ')' : '';
  const doing = to === 'done' ? 'Terugbelverzoek afhandelen' : '"Gebeld, geen gehoor" vastleggen';
  return act(doing, async () => {
    const seen = callbackEvents.get(c.id) || 0;
    const r = await api('POST', `/api/v1/callbacks/${c.id}/state`, { state: to });
    if ((callbackEvents.get(c.id) || 0) === seen) updateCallback(r);
    hooks.render();
    return r;
  }, () => (to === 'done' ? 'Terugbelverzoek' + about + ' afgehandeld; het nummer is gewist.'
    : 'Vastgelegd: gebeld, geen gehoor' + about + '. Probeer het later opnieuw.'));
}

async function askDone(c) {
  const who = dialWords(c.phone) + ' (' + (c.topic_label || 'geen onderwerp') + ')';
  const answer = await confirmDialog('Afgehandeld?',
    'Is ' + who + ' teruggebeld en geholpen? Het telefoonnummer wordt daarna gewist en is niet meer terug te halen.',
    [{ label: 'Ja, afgehandeld', value: 'yes', kind: 'primary' }, { label: 'Nee, nog niet', value: '', safe: true }]);
  if (answer === 'yes') await setCallbackState(c, 'done');
}

function callbackRow(c, today, now) {
  const late = callbackOverdue(c), done = c.state === 'done';
  let stand = done ? 'afgehandeld' : c.state === 'called' ? 'gebeld, geen gehoor' : 'nog niet gebeld';
  if (late) stand += ' — ' + lateWords(now - c.due_at) + ' over tijd';
  const lang = CALL_LANGUAGE[c.language];
  return el('tr', { class: 'row ' + (late ? 'u-broken' : done ? 'u-done' : 'u-ok'), 'data-callback': c.id },
    el('td', { class: 'marker' }, el('span', { class: 'marker-bar', 'aria-hidden': 'true' }, late ? '⚠' : done ? '✓' : '')),
    el('td', {}, whenWords(c.due_date, c.due_hhmm, today), late && el('span', { class: 'chip u-broken' }, '⚠ te laat')),
    el('td', { class: 'phone' }, done ? 'gewist' : dialWords(c.phone)),
    el('td', {}, c.topic_label || '(geen onderwerp)'),
    el('td', {}, PART_WORDS[c.part] || c.part, lang && el('span', { class: 'sub' }, 'in het ' + lang)),
    el('td', { class: 'stand' }, stand),
    el('td', { class: 'actions' }, !done && [
      el('button', { type: 'button', class: 'button', 'data-key': 'cb-called-' + c.id, disabled: !state.online,
        onclick: () => setCallbackState(c, 'called') }, 'Geen gehoor'),
      el('button', { type: 'button', class: 'button primary', 'data-key': 'cb-done-' + c.id, disabled: !state.online,
        onclick: () => askDone(c) }, 'Afgehandeld…'),
    ]));
}

export function renderCallbacks() {
  const list = state.callbacks;
  const summary = $('callbacks-summary');
  if (!list) {
    summary.textContent = 'De lijst komt zodra de service bereikbaar is.';
    $('callbacks-table').hidden = true;
    return;
  }
  const toDo = list.filter((c) => c.state !== 'done').sort((a, b) => a.due_at - b.due_at);
  const done = list.filter((c) => c.state === 'done').sort((a, b) => b.handled_at - a.handled_at);
  const late = toDo.filter(callbackOverdue).length;
  summary.className = 'summary ' + (late ? 'warn' : toDo.length ? '' : 'ok');
  summary.textContent = !toDo.length ? '✓ Niemand wacht op een telefoontje.'
    : late ? '⚠ ' + late + ' van ' + toDo.length + ' zijn te laat.'
      : toDo.length + (toDo.length === 1 ? ' verzoek' : ' verzoeken') + ' te doen, allemaal op tijd.';
  $('callbacks-table').hidden = list.length === 0;
  const now = serviceNow();
  const rows = toDo.map((c) => callbackRow(c, state.today, now));
  if (done.length) {
    rows.push(el('tr', { class: 'section' }, el('th', { scope: 'rowgroup', colspan: '7' }, 'Afgehandeld, laatste 7 dagen')));
    rows.push(...done.map((c) => callbackRow(c, state.today, now)));
  }
  replaceKeepingFocus($('callbacks-rows'), rows);
}

// ---- presence ---------------------------------------------------------------

export function updatePresence(p) {
  const i = state.presence.findIndex((x) => x.id === p.id);
  if (i >= 0) state.presence[i] = p;
  else state.presence.push(p);
  sortPresence();
}

export function sortPresence() {
  state.presence.sort((a, b) => (a.team !== b.team ? (a.team < b.team ? -1 : 1) : a.name.localeCompare(b.name, 'nl')));
}

export function renderPresence() {
  $('presence-date').textContent = state.presenceDate ? '(' + state.presenceDate.split('-').reverse().join('-') + ')' : '';
  replaceKeepingFocus($('presence-rows'), state.presence.map((s) => {
    const label = 'presence-' + s.id;
    return el('tr', {},
      el('th', { scope: 'row', id: label }, s.name),
      el('td', {}, teamName(s.team)),
      el('td', { class: s.available ? 'ok-text' : 'warn-text' },
        s.available ? '✓ ja' : s.presence === 'unknown' ? 'nee, niet ingeroosterd' : 'nee'),
      el('td', {}, el('div', { class: 'button-row tight', role: 'group', 'aria-labelledby': label },
        ['in', 'out', 'lunch', 'unknown'].map((option) => el('button', {
          type: 'button', class: 'button choice small', 'data-key': label + '-' + option,
          'aria-pressed': s.presence === option ? 'true' : 'false', disabled: !state.online,
          onclick: () => {
            if (s.presence === option) return;
            act('Aanwezigheid wijzigen', async () => {
              const seen = presenceEvents.get(s.id) || 0;
              const r = await api('PUT', '/api/v1/presence', { staff_id: s.id, presence: option });
              if ((presenceEvents.get(s.id) || 0) === seen) updatePresence(r);
              hooks.render();
              return r;
            }, (r) => r.name + ': ' + PRESENCE_WORDS[r.presence] + '.');
          },
        }, PRESENCE_WORDS[option])))));
  }));
}

// ---- undelivered messages ---------------------------------------------------

function shortTime(ts) {
  const d = new Date((ts - state.offset) * 1000);
  const two = (n) => String(n).padStart(2, '0');
  return two(d.getDate()) + '-' + two(d.getMonth() + 1) + ' ' + two(d.getHours()) + ':' + two(d.getMinutes());
}

export async function loadDead() {
  const r = await api('GET', '/api/v1/outbox/dead');
  state.dead = r.messages;
  state.deadAt = Date.now();
}

export function renderDead() {
  const dead = state.dead;
  $('dead-none').hidden = dead.length > 0;
  $('dead-table').hidden = dead.length === 0;
  $('dead-refresh').disabled = !state.online;
  replaceKeepingFocus($('dead-rows'), dead.map((d) => {
    const row = state.visits.get(d.visit);
    const about = row ? visitorLabel(row.view) : 'bezoek ' + d.visit;
    return el('tr', {},
      el('td', {}, shortTime(d.created_at)),
      el('td', {}, d.recipient_name || d.recipient),
      el('td', {}, CHANNEL_WORDS[d.channel] || d.channel),
      el('td', {}, (NOTIFICATION_WORDS[d.kind] || d.kind) + ' (' + about + ')'),
      el('td', {}, d.last_error || 'onbekend', el('span', { class: 'sub' }, d.attempts + (d.attempts === 1 ? ' poging' : ' pogingen'))),
      el('td', {}, el('button', {
        type: 'button', class: 'button primary', 'data-key': 'dead-' + d.id, disabled: !state.online,
        onclick: () => act('Opnieuw versturen', async () => {
          await api('POST', `/api/v1/outbox/dead/${d.id}/retry`, {});
          await loadDead();
          hooks.render();
        }, () => 'Het bericht wordt opnieuw verstuurd.'),
      }, 'Opnieuw versturen')));
  }));
}

export function setupLists() {
  $('dead-refresh').addEventListener('click', () => act('Niet-bezorgde berichten ophalen', async () => {
    await loadDead();
    hooks.render();
  }));
}
