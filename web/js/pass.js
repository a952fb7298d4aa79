// A pass, reopened from its link /pass.html#<passId> (the pass id is the capability): QR, countdown, route.
import { applyI18n, formatDate, formatInstant, t, wireLangSwitch } from './i18n.js';
import { call } from './api.js';
import { loadUnits, wardLabel } from './units.js';
import { rememberPass } from './passes.js';
import { wireCheckIn } from './pass-checkin.js';

applyI18n();
wireLangSwitch(document.getElementById('lang-switch'));

const $ = (id) => document.getElementById(id);
const passId = decodeURIComponent(window.location.hash.slice(1));
let view = null;
let timer = null;

function place(p) {
  if (!p) return '';
  return [p.address, wardLabel(p.wardCode)].filter(Boolean).join(', ');
}

function countdown() {
  const left = Date.parse(view.validUntil) - Date.now();
  if (view.status !== 'VALID' || left <= 0) {
    $('pass-countdown').textContent = view.status === 'REVOKED' ? '' : t('pass.expired');
    if (left <= 0 && view.status === 'VALID') {
      view.status = 'EXPIRED';
      render();
    }
    return;
  }
  const s = Math.floor(left / 1000);
  $('pass-countdown').textContent = t('pass.remaining', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60), s: s % 60 });
}

// The holder's colour and why (GET /v1/passes/{id} answers colour, level, state, until; never the case id).
function renderHealth() {
  const h = view.health;
  $('pass-health').hidden = !h;
  if (!h) return;
  $('pass-health').dataset.colour = h.colour;
  $('pass-health-colour').textContent = t(`pass.health.${h.colour}`);
  let why = '';
  if (h.colour === 'RED') {
    why = h.state === 'ISOLATING' && !h.until ? t('health.red.ISOLATING.open', { level: h.level })
      : t(`health.red.${h.state}`, { level: h.level, until: formatDate(h.until) });
  } else if (h.state === 'MONITORING') {
    why = t('health.check.MONITORING', { level: h.level, until: formatDate(h.until) });
  }
  $('pass-health-why').textContent = why;
}

function render() {
  const valid = view.status === 'VALID';
  renderHealth();
  $('pass-status').textContent = t(`pass.status.${view.status}`);
  $('pass-status').className = valid ? 'status' : 'status bad';
  $('pass-holder').textContent = view.holder.fullName;
  $('pass-id').textContent = view.holder.citizenIdMasked;
  $('pass-from').textContent = formatInstant(view.validFrom);
  $('pass-until').textContent = formatInstant(view.validUntil);
  $('pass-origin').textContent = place(view.origin);
  $('pass-destination').textContent = place(view.destination);
  $('pass-code').textContent = view.shortCode || '';
  const qr = $('pass-qr');
  qr.alt = t('pass.qrAlt', { name: view.holder.fullName });
  qr.hidden = !valid;
  $('pass-save').hidden = !valid;
  if (valid && !qr.getAttribute('src')) qr.src = `/v1/passes/${encodeURIComponent(view.passId)}/qr.svg`;
  const save = $('pass-save');
  save.href = `/v1/passes/${encodeURIComponent(view.passId)}/qr.png?size=1024`;
  save.setAttribute('download', `movepass-${(view.shortCode || view.passId).replace(/[^A-Za-z0-9-]/g, '')}.png`);
  const link = `${window.location.origin}/pass.html#${encodeURIComponent(view.passId)}`;
  $('pass-link').href = link;
  $('pass-link').textContent = link;
  countdown();
}

async function load() {
  if (!passId) {
    $('pass-message').dataset.i18n = 'pass.notFound';
    $('pass-message').textContent = t('pass.notFound');
    return;
  }
  try {
    const answer = await call('GET', `/v1/passes/${encodeURIComponent(passId)}`);
    view = answer.json;
  } catch (e) {
    const key = e.status === 404 ? 'pass.notFound' : e.status === 0 ? 'e.network' : 'e.server';
    $('pass-message').dataset.i18n = key;
    $('pass-message').textContent = t(key, { status: e.status });
    return;
  }
  if (view.status === 'VALID') rememberPass(view.passId, view.shortCode, view.validUntil);
  $('pass-message').hidden = true;
  $('pass').hidden = false;
  render();
  $('checkin').hidden = view.status !== 'VALID';
  if (view.status === 'VALID') wireCheckIn(view.passId);
  timer = setInterval(countdown, 1000);
  loadUnits().then(render).catch(() => {});
}

$('pass-print').addEventListener('click', () => window.print());
$('pass-copy').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText($('pass-link').href);
    $('pass-copied').textContent = t('pass.copied');
  } catch (e) {
    window.getSelection().selectAllChildren($('pass-link'));
  }
});
window.addEventListener('hashchange', () => window.location.reload());
document.addEventListener('langchange', () => { if (view) render(); });
load();
void timer;
