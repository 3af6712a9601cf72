// The figures tab: the office's KPIs for today, 7 or 30 days as tiles, four
// charts drawn as SVG here (no chart library, nothing from outside) and a
// table per topic and team. Each chart says its point in words too.
import { state, hooks, api, el, svg, act } from './desk-core.js';

const $ = (id) => document.getElementById(id);
const WEEKDAYS = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'];
const INK = '#1b1b1b', MUTED = '#3a3a3a', GRID = '#d6cfc2', PRIMARY = '#0b4650', SECOND = '#8a5a00';

function msText(seconds, measured) {
  if (!measured) return '–';
  const s = Math.round(seconds);
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}
function percentText(part, whole) {
  return whole ? Math.round((100 * part) / whole) + ' %' : '–';
}
function decimalText(v, n) {
  return n ? v.toFixed(1).replace('.', ',') : '–';
}
function dayMonth(iso) {
  return iso && iso.length === 10 ? iso.slice(8, 10) + '-' + iso.slice(5, 7) : iso || '';
}
function shiftDate(iso, days) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}
// A round top for the scale: 7 → 8, 13 → 15, 42 → 50.
function niceMax(v) {
  if (v <= 10) return Math.max(v, 2) + (v % 2);
  for (const m of [15, 20, 25, 30, 40, 50, 60, 80, 100, 150, 200, 250, 300, 400, 500, 1000, 2000, 5000]) if (v <= m) return m;
  return v;
}

export async function loadReport() {
  const today = state.today || new Date().toISOString().slice(0, 10);
  const from = shiftDate(today, -state.reportSpan), month = shiftDate(today, -29);
  const span = state.reportSpan;
  const q = (f) => '/api/v1/report?from=' + encodeURIComponent(f) + '&to=' + encodeURIComponent(today);
  const r = await api('GET', q(from));
  const trend = from === month ? r : await api('GET', q(month));
  if (span !== state.reportSpan) return; // another period was chosen meanwhile
  state.report = r;
  state.trend = trend;
}

function tiles(f) {
  const list = [
    ['Bezoekers', String(f.visits), f.left_or_cancelled ? f.left_or_cancelled + ' weggegaan' : f.finished + ' geholpen'],
    ['Reactie binnen', msText(f.ack_seconds_p50, f.acknowledged), '9 van de 10: ' + msText(f.ack_seconds_p90, f.acknowledged)],
    ['Gesprek binnen', msText(f.start_seconds_p50, f.started), '9 van de 10: ' + msText(f.start_seconds_p90, f.started)],
    ['Rapportcijfer', decimalText(f.score_avg, f.surveys), f.surveys + (f.surveys === 1 ? ' antwoord' : ' antwoorden')],
    ['8 of hoger', percentText(f.scores_8_or_more, f.surveys), f.scores_8_or_more + ' van ' + f.surveys],
    ['In één keer', percentText(f.one_go_yes, f.one_go_answered), f.one_go_yes + ' van ' + f.one_go_answered],
    ['Op tijd gebeld', f.callbacks ? f.callbacks_in_time + ' van ' + f.callbacks : '–',
      f.callbacks_overdue ? f.callbacks_overdue + ' te laat open' : f.callbacks_pending + ' nog open'],
  ];
  return el('ul', { class: 'tiles', 'aria-label': 'Kerncijfers' }, list.map(([caption, value, detail]) =>
    el('li', { class: 'tile' }, el('span', { class: 'tile-caption' }, caption),
      el('span', { class: 'tile-value' }, value), el('span', { class: 'tile-detail' }, detail))));
}

// A chart frame: a figure with a heading, the SVG (described by the summary)
// and the summary in words underneath.
const W = 640, H = 220, LEFT = 44, RIGHT = 12, TOP = 14, BOTTOM = 34;
function chart(id, title, summary, draw) {
  const box = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': id + '-t', class: 'chart-svg', focusable: 'false' },
    svg('title', { id: id + '-t' }, title + ': ' + summary));
  draw(box);
  return el('figure', { class: 'chart', id },
    el('figcaption', {}, el('span', { class: 'chart-title' }, title), el('span', { class: 'chart-summary' }, summary)), box);
}

function yAxis(box, max, unit = '') {
  for (let step = 0; step <= 2; step++) {
    const value = (max * step) / 2;
    const y = H - BOTTOM - ((H - BOTTOM - TOP) * value) / max;
    box.append(svg('line', { x1: LEFT, x2: W - RIGHT, y1: y, y2: y, stroke: GRID, 'stroke-width': 1 }));
    box.append(svg('text', { x: LEFT - 6, y: y + 4, 'text-anchor': 'end', fill: MUTED, 'font-size': 13 }, String(Math.round(value * 10) / 10) + unit));
  }
  box.append(svg('line', { x1: LEFT, x2: W - RIGHT, y1: H - BOTTOM, y2: H - BOTTOM, stroke: INK, 'stroke-width': 1.5 }));
}

function hourChart(r) {
  const hours = r.per_hour;
  let first = 7, last = 19;
  hours.forEach((v, h) => { if (v > 0) { first = Math.min(first, h); last = Math.max(last, h); } });
  let top = 0, busiest = first;
  for (let h = first; h <= last; h++) if (hours[h] > top) { top = hours[h]; busiest = h; }
  const summary = top === 0 ? 'nog geen bezoekers' : 'drukst ' + busiest + '–' + (busiest + 1) + ' uur: ' + top;
  return chart('chart-hours', state.reportSpan === 0 ? 'Bezoekers per uur' : 'Bezoekers per uur, samen', summary, (box) => {
    const max = niceMax(top);
    yAxis(box, max);
    const n = last - first + 1, slot = (W - LEFT - RIGHT) / n, bar = slot * 0.7;
    for (let h = first; h <= last; h++) {
      const x = LEFT + slot * (h - first) + (slot - bar) / 2;
      const height = ((H - BOTTOM - TOP) * hours[h]) / max;
      if (hours[h] > 0) box.append(svg('rect', { x, y: H - BOTTOM - height, width: bar, height, fill: PRIMARY }, svg('title', {}, h + ' uur: ' + hours[h])));
      if (slot > 26 || (h - first) % 2 === 0) box.append(svg('text', { x: x + bar / 2, y: H - BOTTOM + 16, 'text-anchor': 'middle', fill: MUTED, 'font-size': 13 }, String(h)));
    }
  });
}

function dayChart(days) {
  let top = 0, total = 0, open = 0;
  for (const d of days) { top = Math.max(top, d.visits); total += d.visits; if (d.visits > 0) open++; }
  const summary = open === 0 ? 'nog geen bezoekers' : 'gemiddeld ' + Math.round(total / open) + ' per open dag, hoogste ' + top;
  return chart('chart-days', 'Bezoekers per dag, ' + days.length + ' dagen', summary, (box) => {
    if (!days.length) return;
    const max = niceMax(top);
    yAxis(box, max);
    const slot = (W - LEFT - RIGHT) / days.length, bar = Math.max(2, slot * 0.7);
    days.forEach((d, i) => {
      const x = LEFT + slot * i + (slot - bar) / 2;
      // Weekends lightly shaded: the office is closed, a dip there is no news.
      if (d.weekday >= 5) box.append(svg('rect', { x: LEFT + slot * i - 0.5, y: TOP, width: slot + 1, height: H - BOTTOM - TOP, fill: '#ece7de' }));
      const height = ((H - BOTTOM - TOP) * d.visits) / max;
      if (d.visits > 0) box.append(svg('rect', { x, y: H - BOTTOM - height, width: bar, height, fill: PRIMARY }, svg('title', {}, dayMonth(d.date) + ': ' + d.visits)));
    });
    const marks = [...new Set([0, Math.floor(days.length / 2), days.length - 1])];
    for (const i of marks) {
      const d = days[i];
      const x = Math.min(Math.max(LEFT + slot * (i + 0.5), LEFT + 24), W - RIGHT - 24);
      box.append(svg('text', { x, y: H - BOTTOM + 16, 'text-anchor': 'middle', fill: MUTED, 'font-size': 13 }, WEEKDAYS[d.weekday % 7] + ' ' + dayMonth(d.date)));
    }
  });
}

// Horizontal bars, one group per line: its name above, then a bar per
// measure with its value written beside it (not only told by length).
function barList(id, title, summary, rows, max, format, colours) {
  const labelH = 20, barH = 22;
  const lines = (r) => (r.values.every((v) => v === null) ? 1 : r.values.length);
  const height = TOP + rows.reduce((n, r) => n + labelH + lines(r) * barH + 6, 0);
  const box = svg('svg', { viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-labelledby': id + '-t', class: 'chart-svg', focusable: 'false' },
    svg('title', { id: id + '-t' }, title + ': ' + summary));
  const barW = W - 140;
  let y = TOP;
  for (const r of rows) {
    box.append(svg('text', { x: 0, y: y + 14, fill: INK, 'font-size': 14, 'font-weight': 600 }, r.label));
    y += labelH;
    if (r.values.every((v) => v === null)) {
      box.append(svg('text', { x: 0, y: y + 15, fill: MUTED, 'font-size': 13 }, 'nog niets gemeten'));
      y += barH + 6;
      continue;
    }
    r.values.forEach((v, k) => {
      const w = v === null ? 0 : Math.max(2, (barW * v) / max);
      box.append(svg('rect', { x: 0, y: y + 3, width: w, height: barH - 7, fill: colours[k] }));
      box.append(svg('text', { x: w + 6, y: y + 15, fill: INK, 'font-size': 13 }, v === null ? '–' : format(v, k)));
      y += barH;
    });
    y += 6;
  }
  return el('figure', { class: 'chart', id },
    el('figcaption', {}, el('span', { class: 'chart-title' }, title), el('span', { class: 'chart-summary' }, summary)), box);
}

function groups(r) {
  const label = (g) => g.label || g.id;
  return [{ label: 'Hele kantoor', figures: r.overall },
    ...r.teams.filter((g) => g.figures.visits > 0).map((g) => ({ label: label(g), figures: g.figures }))];
}

function shareChart(r) {
  const rows = groups(r).map((g) => ({ label: g.label, values: [g.figures.surveys ? (100 * g.figures.scores_8_or_more) / g.figures.surveys : null] }));
  const f = r.overall;
  const summary = f.surveys ? percentText(f.scores_8_or_more, f.surveys) + ' gaf een 8 of hoger (' + f.surveys + ' antwoorden)' : 'nog geen antwoorden';
  return barList('chart-share', 'Aandeel 8 of hoger, per team (met bezoekers)', summary, rows, 100, (v) => Math.round(v) + ' %', [PRIMARY]);
}

function responseChart(r) {
  // Topics nobody came for are left out: the table below lists them all.
  const list = [{ label: 'Hele kantoor', figures: r.overall },
    ...r.topics.filter((g) => g.figures.visits > 0).map((g) => ({ label: g.label || g.id, figures: g.figures }))];
  const rows = list.map((g) => ({ label: g.label, values: [g.figures.acknowledged ? g.figures.ack_seconds_p50 : null, g.figures.acknowledged ? g.figures.ack_seconds_p90 : null] }));
  let top = 60;
  for (const row of rows) for (const v of row.values) if (v !== null) top = Math.max(top, v);
  const f = r.overall;
  const summary = f.acknowledged ? 'de helft binnen ' + msText(f.ack_seconds_p50, 1) + ', 9 van 10 binnen ' + msText(f.ack_seconds_p90, 1) + ' (min:sec)' : 'nog geen reacties';
  return barList('chart-response', 'Reactietijd per onderwerp (helft / 9 van de 10)', summary, rows, top,
    (v, k) => (k === 0 ? 'helft ' : '9 van de 10 ') + msText(v, 1), [PRIMARY, SECOND]);
}

function groupTable(r) {
  const head = ['', 'Bezoekers', 'Reactie (helft / 9 van de 10)', 'Tot gesprek', 'Cijfer', '8 of hoger', 'In één keer', 'Terugbellen op tijd'];
  const row = (label, f) => el('tr', {}, el('th', { scope: 'row' }, label),
    [String(f.visits),
      msText(f.ack_seconds_p50, f.acknowledged) + ' / ' + msText(f.ack_seconds_p90, f.acknowledged),
      msText(f.start_seconds_p50, f.started) + ' / ' + msText(f.start_seconds_p90, f.started),
      decimalText(f.score_avg, f.surveys), percentText(f.scores_8_or_more, f.surveys),
      percentText(f.one_go_yes, f.one_go_answered),
      f.callbacks ? f.callbacks_in_time + ' van ' + f.callbacks : '–'].map((c) => el('td', { class: 'num' }, c)));
  const section = (title) => el('tr', { class: 'section' }, el('th', { scope: 'rowgroup', colspan: String(head.length) }, title));
  const offices = r.offices || [];
  return el('table', { class: 'list figures' },
    el('caption', {}, offices.length > 1 ? 'Per kantoor, onderwerp en team' : 'Per onderwerp en per team'),
    el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, row('Hele kantoor', r.overall),
      // Offices sharing one database, side by side.
      offices.length > 1
        ? [section('Per kantoor'), ...offices.map((o) => row(o.id === r.office ? o.id + ' (dit kantoor)' : o.id, o.figures))]
        : [],
      section('Per onderwerp'), r.topics.map((g) => row(g.label || g.id, g.figures)),
      section('Per team'), r.teams.map((g) => row(g.label || g.id, g.figures))));
}

export function renderReport() {
  for (const b of document.querySelectorAll('.spans button')) {
    b.setAttribute('aria-pressed', Number(b.dataset.span) === state.reportSpan ? 'true' : 'false');
    b.disabled = !state.online;
  }
  $('report-refresh').disabled = !state.online;
  const r = state.report;
  if (!r) {
    $('report-period').textContent = 'De cijfers komen zodra de service bereikbaar is.';
    $('report-body').replaceChildren();
    return;
  }
  $('report-period').textContent = r.from === r.to ? 'Cijfers van ' + dayMonth(r.from) : 'Van ' + dayMonth(r.from) + ' tot en met ' + dayMonth(r.to);
  $('report-body').replaceChildren(
    tiles(r.overall),
    el('p', { class: 'muted' }, 'Reactie en gesprek: de helft van de bezoekers had binnen deze tijd antwoord (minuten:seconden); "9 van de 10" binnen de tweede tijd.'),
    el('div', { class: 'charts' }, hourChart(r), dayChart((state.trend || r).per_day), shareChart(r), responseChart(r)),
    groupTable(r));
}

export function setupReport() {
  const load = () => act('Cijfers ophalen', async () => {
    await loadReport();
    hooks.render();
  });
  for (const b of document.querySelectorAll('.spans button')) {
    b.addEventListener('click', () => {
      const span = Number(b.dataset.span);
      if (span === state.reportSpan) return;
      state.reportSpan = span;
      state.report = null;
      hooks.render();
      load();
    });
  }
  $('report-refresh').addEventListener('click', load);
  return load;
}
