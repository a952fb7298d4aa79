// "Quét mã tại cửa hàng" on the pass page: the phone's camera (or a photo) reads the venue's poster (an MPV1: token,
// with the scanner the checkpoint uses), and POST /v1/check-ins records the holder in (no login: the pass id is the
// capability). The answer names the venue and gives the advice in the checkpoint's colours; "Khai báo ra" checks out
// of the same venue (kept on this phone until then).
import { t } from './i18n.js';
import { call } from './api.js';
import { $ } from './dom.js';
import { decodeQr, hasCamera, watchQr } from './qr.js';

const POSTER = /^MPV1:/;
let passId = null;
let stopStream = null;
let last = null;

const keptKey = () => `movepass-checkin-${passId}`; // kept on this phone: where this pass is checked in

function kept() {
  try {
    return JSON.parse(localStorage.getItem(keptKey()) || 'null');
  } catch (e) {
    return null;
  }
}

function keep(value) {
  try {
    if (value) localStorage.setItem(keptKey(), JSON.stringify(value)); else localStorage.removeItem(keptKey());
  } catch (e) {
    // private mode: the OUT button lasts for this page only
  }
}

function showError(key, vars) {
  $('checkin-error').textContent = t(key, vars);
  $('checkin-error').hidden = false;
}

function render() {
  const a = last;
  const box = $('checkin-result');
  const at = kept();
  $('checkin-out').hidden = !at;
  if (!a) return;
  const colour = a.health ? a.health.colour : null;
  box.hidden = false;
  box.className = colour === 'RED' ? 'verdict red' : colour === 'AMBER' ? 'verdict amber' : a.advice ? 'verdict valid' : 'verdict';
  box.dataset.advice = a.advice || '';
  box.dataset.colour = colour || '';
  box.dataset.direction = a.direction;
  $('checkin-word').textContent = a.advice ? t(`venue.advice.${a.advice}`) : '';
  $('checkin-word').hidden = !a.advice;
  const name = a.venueName;
  $('checkin-venue').textContent = !a.checkInId ? t('pass.checkinNone', { name })
    : t(a.direction === 'OUT' ? 'pass.checkinOutDone' : 'pass.checkinIn', { name });
  $('checkin-hint').textContent = a.advice && a.direction === 'IN' ? t(`pass.advice.${a.advice}`) : '';
}

async function send(venueCode, direction) {
  $('checkin-error').hidden = true;
  try {
    last = (await call('POST', '/v1/check-ins', { passId, venueCode, direction })).json;
    keep(direction === 'IN' && last.checkInId ? { venueCode, venueName: last.venueName } : null);
    render();
    $('checkin-result').focus();
  } catch (e) {
    if (e.status === 400) showError('pass.checkinBad');
    else if (e.status === 0) showError('e.network');
    else if (e.status === 429 || e.status === 503) showError('e.busy', { s: e.retryAfter || 5 });
    else showError('e.server', { status: e.status });
  }
}

/** A code read from the poster (by the camera or from a photo): checked in at once. */
export async function scanned(code) {
  const text = String(code || '').trim();
  if (!POSTER.test(text)) {
    showError('pass.checkinBad');
    return;
  }
  await send(text, 'IN');
}

function label(key) {
  const span = $('checkin-button').firstElementChild;
  span.dataset.i18n = key;
  span.textContent = t(key);
}

function stopCamera() {
  if (stopStream) stopStream();
  stopStream = null;
  $('checkin-camera').hidden = true;
  label('pass.checkin');
}

async function startCamera() {
  $('checkin-error').hidden = true;
  try {
    stopStream = await watchQr($('checkin-video'), async (code) => {
      stopStream = null;
      stopCamera();
      await scanned(code);
    });
  } catch (e) {
    showError('cp.cameraError');
    return;
  }
  $('checkin-camera').hidden = false;
  label('pass.checkinStop');
}

async function scanPhoto(ev) {
  const file = ev.target.files && ev.target.files[0];
  ev.target.value = '';
  if (!file) return;
  $('checkin-error').hidden = true;
  try {
    const bitmap = await createImageBitmap(file);
    const code = await decodeQr(bitmap, bitmap.width, bitmap.height);
    if (code) await scanned(code); else showError('cp.noQr');
  } catch (e) {
    showError('cp.noQr');
  }
}

/** Wires the check-in of this pass (its id). */
export function wireCheckIn(id) {
  passId = id;
  $('checkin-button').addEventListener('click', () => (stopStream ? stopCamera() : startCamera()));
  if (!hasCamera()) $('checkin-button').hidden = true;
  $('checkin-photo').addEventListener('change', scanPhoto);
  $('checkin-out').addEventListener('click', () => {
    const at = kept();
    if (at) send(at.venueCode, 'OUT');
  });
  document.addEventListener('langchange', render);
  render();
}
