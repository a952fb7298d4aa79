// The vaccination page (/vaccination/): a citizen books a slot (no login) and gets an appointment page with its QR
// (/vaccination/#<appointmentId>), or a signed vaccination certificate (VC1) once a dose is recorded. The identity
// fills itself from the citizen's own chip-ID card, as on the declaration form (its QR, by camera or pasted).
import { applyI18n, formatDate, formatInstant, t, wireLangSwitch } from '../i18n.js';
import { $ } from '../dom.js';
import { parseCard } from '../declaration-form/card.js';
import { hasCamera, watchQr } from '../qr.js';
import { h } from '../declaration-form/controls.js';
import { mountBooking } from './booking.js';
import { keepAppointment, keptAppointments, openAppointment, wireAppointment } from './appointment.js';
import { mountCertificate } from './certificate.js';

const REASON_FIELDS = {
  NOT_IN_REGISTRY: ['citizenId'],
  NAME_MISMATCH: ['fullName'],
  DOB_MISMATCH: ['dateOfBirth'],
  GENDER_MISMATCH: ['gender'],
  ID_INCONSISTENT: ['citizenId', 'gender', 'dateOfBirth'],
  DECEASED: [],
};

applyI18n();
wireLangSwitch($('lang-switch'));
wireAppointment();

// ---------------------------------------------------------------- what the server refused, said above the form
let problem = null;

function renderProblem() {
  const box = $('vx-problem');
  box.hidden = !problem;
  if (!problem) return;
  box.dataset.code = problem.code || '';
  $('vx-problem-title').textContent = t(problem.title);
  $('vx-problem-text').textContent = problem.text ? t(problem.text, problem.vars) : '';
  $('vx-problem-reasons').replaceChildren(...(problem.reasons || []).map((r) => h('li', { 'data-reason': r }, t(`reason.${r}`))));
}

function showProblem(p) {
  problem = p;
  renderProblem();
  $('vx-problem').focus();
}

/** An API failure of the booking (not about one field) in the citizen's words. */
function explain(e) {
  const code = e.problem && Array.isArray(e.problem.errors) && e.problem.errors.length ? e.problem.errors[0].code : null;
  const p = { title: 'vx.e.title', code: code || String(e.status) };
  if (e.status === 409 && ['SLOT_FULL', 'ALREADY_BOOKED', 'COMPLETE'].includes(code)) p.text = `vx.e.${code}`;
  else if (e.status === 400 && code === 'TOO_EARLY') {
    const from = (e.problem.errors[0].message || '').match(/[0-9]{4}-[0-9]{2}-[0-9]{2}/);
    p.text = from ? 'vx.e.TOO_EARLY' : 'vx.e.TOO_EARLY.noDate';
    p.vars = { date: from ? formatDate(from[0]) : '' };
  } else if (e.status === 429 && e.retryAfter > 60) {
    p.text = 'vx.e.limited';
    p.vars = { h: Math.ceil(e.retryAfter / 3600) };
  } else if (e.status === 429 || e.status === 503) {
    p.text = 'e.busy';
    p.vars = { s: e.retryAfter || 5 };
  } else if (e.status === 404) p.text = 'vx.e.noSite';
  else if (e.status === 0) p.text = 'e.network';
  else p.text = 'e.server';
  if (p.text === 'e.server') p.vars = { status: e.status };
  return p;
}

// ---------------------------------------------------------------- the booking
const booking = mountBooking($('book'), {
  onAnswer(answer) {
    if (answer.status === 'BOOKED') {
      problem = null;
      renderProblem();
      keepAppointment(answer.appointmentId, answer.slotStart);
      window.location.hash = answer.appointmentId;
      return;
    }
    const reasons = answer.reasons || [];
    showProblem({ title: 'vx.rejected', text: 'reject.lead', reasons, code: 'REJECTED' });
    booking.mark([...new Set(reasons.flatMap((r) => REASON_FIELDS[r] || []))]);
  },
  onProblem(e) {
    showProblem(explain(e));
  },
});

function renderMine() {
  const nav = $('my-appointments');
  const soon = Date.now() - 24 * 3600 * 1000;
  const mine = keptAppointments().filter((a) => Date.parse(a.slotStart) > soon);
  nav.hidden = mine.length === 0;
  nav.querySelector('ul').replaceChildren(...mine.map((a) => h('li', {},
    h('a', { href: `/vaccination/#${encodeURIComponent(a.id)}` }, t('vx.mineOne', { at: formatInstant(a.slotStart) })))));
}

// ---------------------------------------------------------------- the certificate
const certificate = mountCertificate($('cert'), { prefill: () => booking.values() });
$('certificate').addEventListener('toggle', () => { if ($('certificate').open) certificate.prefill(); });

// ---------------------------------------------------------------- the page: booking, or one appointment
function route() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  $('appointment').hidden = !id;
  $('booking').hidden = Boolean(id);
  $('certificate').hidden = Boolean(id);
  if (id) {
    openAppointment(id);
    $('main').focus();
  } else {
    renderMine();
  }
}
window.addEventListener('hashchange', route);
route();

document.addEventListener('langchange', () => {
  renderProblem();
  renderMine();
});

// ---------------------------------------------------------------- the chip-ID card's QR
const cardStatus = $('card-status');
const cardButton = $('card-scan');
let stopCamera = null;
let cameraTurn = 0;

function say(el, key, vars) {
  el.dataset.i18n = key;
  el.dataset.vars = JSON.stringify(vars || {});
  el.textContent = t(key, vars);
}

function cameraOff() {
  cameraTurn += 1;
  if (stopCamera) stopCamera();
  stopCamera = null;
  $('card-camera').hidden = true;
  say(cardButton.firstElementChild, 'card.scan');
}

/** What the camera (or the pasted text) read: a card fills the identity, then the phone is asked. */
function useCard(raw) {
  cameraOff();
  const card = parseCard(raw);
  if (!card) {
    say(cardStatus, 'card.invalid');
    return false;
  }
  booking.fill({ citizenId: card.citizenId, fullName: card.fullName, dateOfBirth: card.dateOfBirth, gender: card.gender });
  say(cardStatus, 'vx.cardFilled', { name: card.fullName });
  booking.focusFirstEmpty();
  return true;
}

/** A test's (or a hardware scanner's) way in: the text a camera would have decoded, by the same path. */
window.movepassCardScanned = useCard;

cardButton.addEventListener('click', async () => {
  if (stopCamera) {
    cameraOff();
    return;
  }
  const turn = cameraTurn;
  try {
    const stop = await watchQr($('card-video'), useCard);
    if (turn !== cameraTurn) {
      stop();
      return;
    }
    stopCamera = stop;
  } catch (e) {
    say(cardStatus, 'card.cameraError');
    $('card-paste').open = true;
    return;
  }
  $('card-camera').hidden = false;
  say(cardButton.firstElementChild, 'card.stop');
});
if (!hasCamera()) cardButton.hidden = true;
$('card-use').addEventListener('click', () => useCard($('card-text').value));
document.addEventListener('langchange', () => {
  if (cardStatus.dataset.i18n) cardStatus.textContent = t(cardStatus.dataset.i18n, JSON.parse(cardStatus.dataset.vars || '{}'));
});
