// The "Koppelen" tab: one-time codes (with QR code) for a colleague's phone,
// another desk or a kiosk elsewhere, and the list of paired devices, any of
// which this desk can withdraw (except itself: "Afmelden" does that).
import { state, hooks, api, el, act, replaceKeepingFocus, confirmDialog } from './desk-core.js';

const $ = (id) => document.getElementById(id);
const KIND_WORDS = { phone: 'telefoon', desk: 'balie', kiosk: 'kiosk' };

function hhmm(ts) {
  const d = new Date((ts - state.offset) * 1000);
  return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
}

function date(ts) {
  const d = new Date((ts - state.offset) * 1000);
  return String(d.getDate()).padStart(2, '0') + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + d.getFullYear();
}

async function createCode(kind, staffId) {
  const body = { kind };
  if (staffId) body.staff_id = staffId;
  const r = await act('Koppelcode maken', () => api('POST', '/api/v1/pairing', body));
  if (!r) return;
  state.pairingCode = r;
  hooks.render();
  $('pairing-result').focus();
}

export async function loadDevices() {
  const r = await api('GET', '/api/v1/devices');
  state.devices = r.devices;
}

async function revoke(d) {
  const answer = await confirmDialog('Intrekken?',
    '"' + d.name + '" (' + KIND_WORDS[d.kind] + (d.staff_name ? ' van ' + d.staff_name : '') + ') ontkoppelen? ' +
    'Het apparaat kan daarna niets meer bij de service; opnieuw koppelen kan met een nieuwe code.',
    [{ label: 'Ja, intrekken', value: 'yes', kind: 'danger' }, { label: 'Nee, laten staan', value: '', safe: true }]);
  if (answer !== 'yes') return;
  await act('Intrekken (' + d.name + ')', async () => {
    await api('DELETE', `/api/v1/devices/${d.id}`);
    await loadDevices();
    hooks.render();
  }, () => '"' + d.name + '" is ingetrokken.');
}

function renderCode() {
  const p = state.pairingCode;
  const box = $('pairing-result');
  if (!p) {
    box.replaceChildren(el('p', { class: 'muted' }, 'Hier verschijnt de code met de QR-code.'));
    return;
  }
  const left = Math.floor((p.expires_at - (Date.now() / 1000 + state.offset)) / 60);
  const expired = left < 0;
  const who = p.kind === 'phone' ? 'de telefoon van ' + (p.staff_name || p.staff_id) : 'een ' + KIND_WORDS[p.kind];
  const how = p.kind === 'phone' ? 'Laat de collega de QR-code scannen met de camera van de telefoon, of open op de telefoon: '
    : p.kind === 'kiosk' ? "Start op de kiosk: gastvrij kiosk --server '" + p.url + "' — of open: "
      : 'Open deze koppellink in de browser van de andere balie, of plak hem in Gastvrij Balie: ';
  box.replaceChildren(
    el('h3', {}, 'Koppelcode voor ' + who),
    el('p', { class: 'code' }, p.code),
    el('p', { class: expired ? 'warn-text' : 'muted' }, expired ? 'Deze code is verlopen: maak een nieuwe.'
      : 'Geldig tot ' + hhmm(p.expires_at) + ', één keer te gebruiken.'),
    // The service's own QR code, shown as an image: never parsed into this page.
    el('img', { class: 'qr', alt: 'QR-code met de koppellink', src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(p.qr_svg) }),
    el('p', {}, how, el('code', { class: 'link' }, p.url)));
}

export function renderPairingTab() {
  const staff = state.directory ? state.directory.staff.filter((s) => s.phone_page) : [];
  const select = $('pair-staff');
  const sig = staff.map((s) => s.id).join();
  if (select.dataset.sig !== sig) {
    const chosen = select.value;
    select.replaceChildren(...staff.map((s) => el('option', { value: s.id }, s.name)));
    if (chosen) select.value = chosen;
    select.dataset.sig = sig;
  }
  $('pair-phone-none').hidden = staff.length > 0;
  for (const b of document.querySelectorAll('#panel-pairing .make-code')) b.disabled = !state.online || (b.dataset.kind === 'phone' && !staff.length);
  $('devices-refresh').disabled = !state.online;
  renderCode();
  const devices = state.devices;
  $('devices-none').hidden = !devices || devices.length > 0;
  $('devices-table').hidden = !devices || devices.length === 0;
  if (!devices) return;
  replaceKeepingFocus($('devices-rows'), devices.map((d) => {
    const own = state.device && d.id === state.device.id;
    return el('tr', { 'data-device': d.id },
      el('th', { scope: 'row' }, d.name, own && el('span', { class: 'sub' }, 'deze balie')),
      el('td', {}, KIND_WORDS[d.kind] + (d.staff_name ? ' van ' + d.staff_name : '')),
      el('td', {}, 'sinds ' + date(d.created_at)),
      el('td', {}, own ? el('span', { class: 'muted' }, 'afmelden: knop bovenaan')
        : el('button', { type: 'button', class: 'button', 'data-key': 'revoke-' + d.id, disabled: !state.online,
          onclick: () => revoke(d) }, 'Intrekken…')));
  }));
}

export function setupPairingTab() {
  for (const b of document.querySelectorAll('#panel-pairing .make-code')) {
    b.addEventListener('click', () => createCode(b.dataset.kind, b.dataset.kind === 'phone' ? $('pair-staff').value : ''));
  }
  const load = () => act('Gekoppelde apparaten ophalen', async () => {
    await loadDevices();
    hooks.render();
  });
  $('devices-refresh').addEventListener('click', load);
  return load;
}
