// The board: one row per open visit, the most overdue promise on top, the
// urgency in a marker column (colour, icon AND words); the chosen visit's
// actions or the walk-in form beside it; alerts for broken promises above.
import {
  state, hooks, api, el, act, replaceKeepingFocus, visitStatus, visitStand, visitorLabel, topicLabel, languageWords,
  teamName, unavailableNote, confirmDialog, announce, PROMISE_WORDS, WAITING, TERMINAL, LANGUAGES,
  NOTIFICATION_WORDS, CHANNEL_WORDS,
} from './desk-core.js';

const $ = (id) => document.getElementById(id);

// ---- the model --------------------------------------------------------------

// Someone acted on the visit: an announced break is dealt with.
function dealtWith(before, after) {
  if (!WAITING.has(after.state)) return true;
  if (after.state === 'acknowledged' && (before.state !== 'acknowledged' || before.deadline !== after.deadline)) return true;
  return after.state === 'reassigned' && before.deadline !== after.deadline;
}

function forgetAlert(id) {
  state.alerts = state.alerts.filter((a) => a.visit !== id);
}

function raise(id, escalated) {
  const open = state.alerts.find((a) => a.visit === id);
  if (open) {
    open.escalated = open.escalated || escalated;
    return;
  }
  state.alerts.push({ visit: id, escalated, at: Date.now() });
  const row = state.visits.get(id);
  if (row) announce('Let op: ' + visitorLabel(row.view) + ' wacht te lang.');
}

// A visit as a stream event brought it (event may be null).
export function applyVisit(v, event) {
  const id = v.id;
  const known = state.visits.get(id);
  if (TERMINAL.has(v.state)) {
    state.visits.delete(id);
    forgetAlert(id);
    state.alerted.delete(id);
    if (state.selected === id) state.selected = 0;
    return;
  }
  const escalated = event && event.to === 'escalated';
  if (known && !escalated && dealtWith(known.view, v)) forgetAlert(id);
  if (!known) {
    announce('Nieuwe bezoeker: ' + visitorLabel(v) + ' voor ' + (v.host_name || 'de balie') + ' (' + topicLabel(v) + ').');
  }
  state.visits.set(id, { view: v, seq: ++state.seq });
  if (escalated && WAITING.has(v.state)) {
    // Announced already (the clock saw the deadline pass): only the words
    // change, to say who is asked now.
    const announced = known && state.alerted.get(id) === known.view.deadline;
    if (!announced || state.alerts.some((a) => a.visit === id)) raise(id, true);
    if (known) state.alerted.set(id, known.view.deadline);
  }
}

export function promiseBroken(v) {
  if (state.alerts.some((a) => a.visit === v.id)) return;
  applyVisit(v, null);
  if (WAITING.has(v.state) && state.visits.has(v.id)) {
    raise(v.id, true);
    state.alerted.set(v.id, v.deadline);
  }
}

// The list is the truth, except for rows a stream event changed after the
// list was asked for.
export function replaceVisits(list, askedAtSeq) {
  const next = new Map();
  for (const v of list) {
    if (TERMINAL.has(v.state)) continue;
    const mine = state.visits.get(v.id);
    if (mine && mine.seq > askedAtSeq) {
      next.set(v.id, mine);
      continue;
    }
    if (mine && dealtWith(mine.view, v)) forgetAlert(v.id);
    next.set(v.id, { view: v, seq: mine ? mine.seq : ++state.seq });
  }
  for (const [id, r] of state.visits) {
    if (!next.has(id) && r.seq > askedAtSeq && !TERMINAL.has(r.view.state)) next.set(id, r);
  }
  for (const a of [...state.alerts]) if (!next.has(a.visit)) forgetAlert(a.visit);
  state.visits = next;
  if (state.selected && !next.has(state.selected)) state.selected = 0;
}

// Promises break between events: announce each broken deadline once.
export function checkPromises() {
  for (const [id, r] of state.visits) {
    const s = visitStatus(r.view);
    if (!s.waiting || !s.deadline || s.promise !== 'broken') continue;
    if (state.alerted.get(id) === r.view.deadline) continue;
    raise(id, false);
    state.alerted.set(id, r.view.deadline);
  }
}

export function sortedRows() {
  const alerted = new Set(state.alerts.map((a) => a.visit));
  const rows = [...state.visits.values()].map((r) => ({ v: r.view, s: visitStatus(r.view), alert: alerted.has(r.view.id) }));
  // Waiting first, an open alert on top of those; then the most overdue
  // promise first; then by arrival.
  rows.sort((a, b) => {
    if (a.s.waiting !== b.s.waiting) return a.s.waiting ? -1 : 1;
    if (a.alert !== b.alert) return a.alert ? -1 : 1;
    const la = a.s.deadline ? a.s.lateBy : -1e12, lb = b.s.deadline ? b.s.lateBy : -1e12;
    if (la !== lb) return lb - la;
    return a.v.arrived_at - b.v.arrived_at || a.v.id - b.v.id;
  });
  return rows;
}

export function waitingCount() {
  let n = 0;
  for (const r of state.visits.values()) if (WAITING.has(r.view.state)) n++;
  return n;
}

// ---- drawing ----------------------------------------------------------------

function urgency(s, alertOpen) {
  if (!s.waiting) return { cls: 'u-talk', icon: '●', words: 'in gesprek' };
  if (s.promise === 'broken' || alertOpen) return { cls: 'u-broken', icon: '⚠', words: s.promise === 'broken' ? 'te laat' : 'te laat geweest' };
  if (s.promise === 'at_risk') return { cls: 'u-risk', icon: '◔', words: 'bijna te laat' };
  return { cls: 'u-ok', icon: '✓', words: 'op tijd' };
}

function deadLettersFor(id) {
  return state.dead.filter((d) => d.visit === id);
}

function deadWords(d) {
  return 'niet bezorgd: ' + (NOTIFICATION_WORDS[d.kind] || d.kind) + ' via ' + (CHANNEL_WORDS[d.channel] || d.channel) +
    ' aan ' + (d.recipient_name || d.recipient);
}

function pick(id) {
  state.selected = state.selected === id ? 0 : id;
  state.reassignTo = null;
  hooks.render();
  if (state.selected) $('visit-title')?.focus();
  else document.querySelector(`[data-key="row-${id}"]`)?.focus();
}

function boardRow({ v, s }) {
  const alertOpen = state.alerts.some((a) => a.visit === v.id);
  const u = urgency(s, alertOpen);
  const chosen = state.selected === v.id;
  const escalation = v.escalation_level > 0 && s.waiting ? ' (' + (v.escalation_level + 1) + 'e)' : '';
  const dead = deadLettersFor(v.id);
  return el('tr', { class: 'row ' + u.cls + (chosen ? ' chosen' : ''), 'data-visit': v.id },
    el('td', { class: 'marker' }, el('span', { class: 'marker-bar', 'aria-hidden': 'true' }, u.icon)),
    el('td', {},
      el('button', {
        type: 'button', class: 'row-pick', 'data-key': 'row-' + v.id, 'aria-pressed': chosen ? 'true' : 'false',
        'aria-controls': 'visit-panel', onclick: () => pick(v.id),
      }, visitorLabel(v)),
      el('span', { class: 'sub' }, 'sinds ' + v.waiting_since + ' · ', el('span', { lang: 'nl' }, languageWords(v.language)))),
    el('td', {}, topicLabel(v)),
    el('td', {}, el('span', {}, v.host_name || 'Balie'),
      el('span', { class: 'sub' }, visitStand(v, s.promised) + escalation),
      dead.map((d) => el('span', { class: 'dead-note' }, '⚠ ' + deadWords(d)))),
    el('td', { class: 'num' }, s.waiting ? s.minutes + ' min' : '—'),
    el('td', {}, el('span', { class: 'chip ' + u.cls }, el('span', { 'aria-hidden': 'true' }, u.icon + ' '), u.words)));
}

export function renderBoard() {
  const rows = sortedRows();
  $('board-empty').hidden = rows.length > 0;
  $('board-table').hidden = rows.length === 0;
  replaceKeepingFocus($('board-rows'), rows.map(boardRow));
  renderVisitPanel();
  renderAlerts();
}

function actionButton(key, label, style, onclick, extra = {}) {
  return el('button', {
    type: 'button', class: 'button ' + (style || ''), 'data-key': key, disabled: !state.online, onclick, ...extra,
  }, label);
}

let panelSignature = '';
function renderVisitPanel() {
  const panel = $('visit-panel'), walkin = $('walkin');
  const row = state.selected && state.visits.get(state.selected);
  const hadFocus = panel.contains(document.activeElement);
  panel.hidden = !row;
  walkin.hidden = !!row;
  if (!row) {
    panelSignature = '';
    // The visit ended (here or elsewhere) while the keyboard was on it: the
    // focus goes to the board's first visitor rather than nowhere.
    if (hadFocus) (document.querySelector('#board-rows .row-pick') || $('tab-board')).focus();
    return;
  }
  const v = row.view, s = visitStatus(v);
  const sig = JSON.stringify([v, s.promise, s.minutes, state.online, state.reassignTo, state.presence.length, state.dead.length]);
  if (sig === panelSignature) return;
  panelSignature = sig;
  const id = v.id;
  const who = visitorLabel(v);
  const parts = [];
  parts.push(el('div', { class: 'panel-head' },
    el('h2', { id: 'visit-title', tabindex: '-1' }, who),
    el('button', { type: 'button', class: 'button quiet', 'data-key': 'close', onclick: () => pick(id) }, 'Sluiten')));
  parts.push(el('p', {}, topicLabel(v) + ' — voor ' + (v.host_name || 'de balie') + (v.team_name ? ' (' + v.team_name + ')' : '')));
  let when = 'Sinds ' + v.waiting_since;
  if (s.waiting) when += ' · ' + s.minutes + ' min · ' + PROMISE_WORDS[s.promise];
  when += ' · ' + visitStand(v, s.promised) + ' · spreekt ' + languageWords(v.language);
  parts.push(el('p', { class: s.promise === 'broken' || s.promise === 'at_risk' ? 'warn-text' : 'muted' }, when));
  for (const d of deadLettersFor(id)) parts.push(el('p', { class: 'dead-note' }, '⚠ ' + deadWords(d) + (d.last_error ? ' — ' + d.last_error : '')));
  if (!state.online) parts.push(el('p', { class: 'warn-text' }, 'Offline: wijzigen kan pas als de verbinding terug is.'));

  const st = v.state;
  const canAck = ['host_notified', 'escalated', 'reassigned'].includes(st);
  const canStart = canAck || st === 'acknowledged';
  const canFinish = st === 'in_conversation';
  const canCancel = st === 'arrived' || canStart;
  if (canAck) {
    parts.push(el('p', { class: 'label', id: 'ack-label' }, 'Collega komt eraan (namens ' + (v.host_name || 'de balie') + '):'));
    parts.push(el('div', { class: 'button-row', role: 'group', 'aria-labelledby': 'ack-label' },
      [2, 5, 10, 15].map((m) => actionButton('ack-' + m, m + ' min', '', () => act('"Komt eraan" doorgeven (' + who + ')',
        () => api('POST', `/api/v1/visits/${id}/acknowledge`, { minutes: m }),
        (r) => r.host_name + ' komt eraan voor ' + visitorLabel(r) + ' (over ' + m + ' min).'),
      { 'aria-label': 'Komt eraan over ' + m + ' minuten' }))));
  }
  const main = [];
  if (canStart) main.push(actionButton('start', 'Gesprek begonnen', 'primary', () => act('Gesprek starten (' + who + ')',
    () => api('POST', `/api/v1/visits/${id}/start`, {}), (r) => 'In gesprek: ' + visitorLabel(r) + ' met ' + r.host_name + '.')));
  if (canFinish) main.push(actionButton('finish', 'Afgerond', 'primary', () => act('Afronden (' + who + ')',
    () => api('POST', `/api/v1/visits/${id}/finish`, {}), (r) => 'Afgerond: ' + visitorLabel(r) + '.')));
  // Without waiting for the deadline: whoever the escalation would ask next.
  if (canStart) main.push(actionButton('escalate', 'Volgende collega vragen', '', () => act('Doorzetten (' + who + ')',
    () => api('POST', `/api/v1/visits/${id}/escalate`, {}),
    (r) => visitorLabel(r) + ': nu gevraagd ' + (r.host_name || 'de balie') + '.')));
  if (canCancel) main.push(actionButton('cancel', 'Annuleren…', '', () => cancelVisit(v)));
  if (main.length) parts.push(el('div', { class: 'button-row' }, main));

  if (canStart || st === 'arrived') {
    const chosen = state.reassignTo ?? v.host;
    const select = el('select', { id: 'reassign', 'data-key': 'reassign', disabled: !state.online,
      onchange: (e) => { state.reassignTo = e.target.value; hooks.render(); } },
    el('option', { value: '', selected: chosen === '' }, 'Balie (zelf helpen)'),
    (state.directory ? state.directory.staff : []).map((p) => el('option', { value: p.id, selected: chosen === p.id },
      p.name + ' — ' + teamName(p.team) + unavailableNote(p.id))));
    parts.push(el('div', { class: 'field reassign' },
      el('label', { for: 'reassign' }, 'Naar een andere collega sturen'),
      el('div', { class: 'inline' }, select,
        actionButton('reassign-send', 'Doorsturen', '', () => act('Doorsturen (' + who + ')',
          () => api('POST', `/api/v1/visits/${id}/reassign`, { host: chosen }),
          (r) => visitorLabel(r) + ' is doorgestuurd naar ' + (r.host_name || 'de balie') + '.'),
        { disabled: !state.online || chosen === v.host }))));
  }
  replaceKeepingFocus(panel, parts);
}

async function cancelVisit(v) {
  const who = visitorLabel(v);
  const answer = await confirmDialog('Bezoek stoppen?',
    'Het bezoek van ' + who + ' (' + topicLabel(v) + ') stoppen? ' + (v.host_name || 'De balie') + ' hoeft dan niet meer te komen.',
    [{ label: 'Is weggegaan', value: 'left', kind: 'danger' }, { label: 'Annuleren', value: 'cancel', kind: 'danger' },
      { label: 'Laten staan', value: '', safe: true }]);
  if (!answer) return;
  const left = answer === 'left';
  await act((left ? 'Afmelden als weggegaan' : 'Annuleren') + ' (' + who + ')',
    () => api('POST', `/api/v1/visits/${v.id}/cancel`, { left }),
    (r) => visitorLabel(r) + (left ? ' is afgemeld: weggegaan.' : ' is geannuleerd.'));
}

// ---- alerts -----------------------------------------------------------------

function alertText(a) {
  const r = state.visits.get(a.visit);
  if (!r) return '';
  const v = r.view, s = visitStatus(v);
  const who = visitorLabel(v) + ' (' + topicLabel(v) + ') wacht al ' + s.minutes + ' min: ';
  if (a.escalated) {
    return who + 'geen antwoord op tijd, ' + (v.host ? 'nu gevraagd: ' + v.host_name : 'nu bij de balie — haal de bezoeker zelf op of stuur door') + '.';
  }
  if (v.state === 'acknowledged') return who + v.host_name + ' zou er om ' + s.promised + ' zijn.';
  return who + (v.host_name || 'de balie') + ' reageerde niet op tijd.';
}

function renderAlerts() {
  const box = $('alerts');
  const alerts = state.alerts.filter((a) => state.visits.has(a.visit)).slice().reverse();
  box.hidden = alerts.length === 0;
  if (!alerts.length) return;
  $('alerts-title').textContent = alerts.length === 1 ? '⚠ Een belofte is verbroken' : '⚠ ' + alerts.length + ' beloften zijn verbroken';
  replaceKeepingFocus($('alert-list'), alerts.map((a) => {
    const v = state.visits.get(a.visit).view;
    const who = visitorLabel(v);
    const canAck = ['host_notified', 'escalated', 'reassigned'].includes(v.state);
    const textId = 'alert-text-' + v.id;
    return el('li', {},
      el('span', { class: 'alert-text', id: textId }, alertText(a)),
      el('span', { class: 'alert-actions' },
        el('button', { type: 'button', class: 'button on-dark', 'data-key': 'alert-show-' + v.id, 'aria-describedby': textId, onclick: () => {
          state.selected = v.id;
          hooks.render();
          $('visit-title')?.focus();
        } }, 'Bekijken'),
        canAck && actionButton('alert-ack-' + v.id, 'Komt eraan (5 min)', 'on-dark', () => act('"Komt eraan" doorgeven (' + who + ')',
          () => api('POST', `/api/v1/visits/${v.id}/acknowledge`, { minutes: 5 }),
          (r) => r.host_name + ' komt eraan voor ' + visitorLabel(r) + ' (over 5 min).'), { 'aria-describedby': textId }),
        WAITING.has(v.state) && actionButton('alert-start-' + v.id, 'Gesprek begonnen', 'on-dark', () => act('Gesprek starten (' + who + ')',
          () => api('POST', `/api/v1/visits/${v.id}/start`, {}), (r) => 'In gesprek: ' + visitorLabel(r) + ' met ' + r.host_name + '.'),
        { 'aria-describedby': textId }),
        WAITING.has(v.state) && actionButton('alert-escalate-' + v.id, 'Volgende collega vragen', 'on-dark', () => act('Doorzetten (' + who + ')',
          () => api('POST', `/api/v1/visits/${v.id}/escalate`, {}), (r) => visitorLabel(r) + ': nu gevraagd ' + (r.host_name || 'de balie') + '.'),
        { 'aria-describedby': textId })));
  }));
}

// ---- the walk-in form -------------------------------------------------------

let walkinSignature = '';
let topic = '';
export function renderWalkIn() {
  const dir = state.directory;
  const sig = JSON.stringify([dir && dir.topics, dir && dir.staff.map((s) => s.id), state.presence.map((p) => p.available), topic, state.online]);
  if (sig !== walkinSignature) {
    walkinSignature = sig;
    const topics = dir ? dir.topics : [];
    replaceKeepingFocus($('walkin-topics'), topics.map((t) => el('button', {
      type: 'button', class: 'button choice topic', 'data-key': 'topic-' + t.id, 'aria-pressed': topic === t.id ? 'true' : 'false',
      onclick: () => { topic = topic === t.id ? '' : t.id; $('walkin-error').textContent = ''; renderWalkIn(); },
    }, t.label || t.id)));
    const host = $('walkin-host'), chosen = host.value;
    host.replaceChildren(el('option', { value: '' }, 'Volgens onderwerp (automatisch)'),
      (dir ? dir.staff : []).map((s) => el('option', { value: s.id }, s.name + ' — ' + teamName(s.team) + unavailableNote(s.id))));
    host.value = chosen;
    const lang = $('walkin-language');
    if (!lang.options.length) {
      lang.replaceChildren(...Object.entries(LANGUAGES).map(([code, name]) => el('option', { value: code }, name)));
      lang.value = 'nl';
    }
  }
  $('walkin-submit').disabled = !state.online;
}

export function setupWalkIn() {
  $('walkin').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!topic) {
      $('walkin-error').textContent = 'Kies eerst een onderwerp.';
      $('walkin-topics').querySelector('button')?.focus();
      return;
    }
    const body = { topic, language: $('walkin-language').value || 'nl' };
    const name = $('walkin-name').value.trim();
    const host = $('walkin-host').value;
    if (name) body.name = name;
    if (host) body.host = host;
    $('walkin-submit').disabled = true;
    const r = await act('Aanmelden', () => api('POST', '/api/v1/visits', body),
      (v) => 'Aangemeld: ' + visitorLabel(v) + ' voor ' + topicLabel(v) + ' — ' + (v.host_name || 'de balie') + ' is gevraagd.');
    $('walkin-submit').disabled = !state.online;
    if (r) {
      // The stream may have brought it already, perhaps changed since.
      if (!state.visits.has(r.id)) applyVisit(r, null);
      topic = '';
      $('walkin-name').value = '';
      $('walkin-host').value = '';
      $('walkin-language').value = 'nl';
      $('walkin-error').textContent = '';
      hooks.render();
    }
  });
  $('alerts-seen').addEventListener('click', () => {
    state.alerts = [];
    hooks.render();
    $('tab-board').focus();
  });
  $('visit-panel').addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.selected) {
      const id = state.selected;
      state.selected = 0;
      hooks.render();
      document.querySelector(`[data-key="row-${id}"]`)?.focus();
    }
  });
}
