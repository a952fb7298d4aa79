// The citizen page: the declaration form; an accepted declaration opens its pass, a rejection is explained.
// The form fills itself from the citizen's own chip-ID card (its QR, by camera or pasted) and, with consent,
// from what was declared last time on this device (never the health answers).
import { applyI18n, t, wireLangSwitch } from './i18n.js';
import { mountDeclarationForm } from './declaration-form.js';
import { h } from './declaration-form/controls.js';
import { matchAddress, parseCard } from './declaration-form/card.js';
import { rememberedPasses, rememberPass } from './passes.js';
import { hasCamera, watchQr } from './qr.js';
import { loadUnits } from './units.js';

const PROFILE = 'movepass.profile';

const REASON_FIELDS = {
  NOT_IN_REGISTRY: ['citizenId'],
  NAME_MISMATCH: ['fullName'],
  DOB_MISMATCH: ['dateOfBirth'],
  GENDER_MISMATCH: ['gender'],
  ID_INCONSISTENT: ['citizenId', 'gender', 'dateOfBirth'],
  DECEASED: [],
};

applyI18n();
wireLangSwitch(document.getElementById('lang-switch'));

const rejection = document.getElementById('rejection');
let lastReasons = [];

function renderRejection() {
  const list = rejection.querySelector('ul');
  list.replaceChildren(...lastReasons.map((r) => {
    const li = document.createElement('li');
    li.dataset.reason = r;
    li.textContent = t(`reason.${r}`);
    return li;
  }));
  rejection.querySelector('p').textContent = t('reject.lead');
}

function renderMyPasses() {
  const nav = document.getElementById('my-passes');
  const now = Date.now();
  const passes = rememberedPasses().filter((p) => Date.parse(p.validUntil) > now);
  nav.hidden = passes.length === 0;
  nav.querySelector('ul').replaceChildren(...passes.map((p) => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `/pass.html#${encodeURIComponent(p.passId)}`;
    a.textContent = t('citizen.openPass', { code: p.shortCode || '' });
    li.append(a);
    return li;
  }));
}

// ---------------------------------------------------------------- remembered on this device (with consent)
function storedProfile() {
  try {
    return JSON.parse(localStorage.getItem(PROFILE) || 'null');
  } catch (e) {
    return null;
  }
}

/** What is kept: who, where they live, how to reach them, how they travel; never the trip's health answers. */
function keepProfile(b) {
  const profile = {
    citizenId: b.citizenId, fullName: b.fullName, dateOfBirth: b.dateOfBirth, gender: b.gender, phone: b.phone,
    email: b.email || '', residence: b.residence, vehicle: b.vehicle,
  };
  try {
    localStorage.setItem(PROFILE, JSON.stringify(profile));
  } catch (e) {
    // private mode or full: nothing kept
  }
}

function forgetProfile() {
  try {
    localStorage.removeItem(PROFILE);
  } catch (e) {
    // storage unavailable: nothing was kept
  }
}

const rememberStatus = h('p', { class: 'hint', role: 'status', id: 'remember-status' });
const forget = h('button', { type: 'button', class: 'button secondary', id: 'forget', hidden: true },
  h('span', { i18n: 'remember.forget' }, t('remember.forget')));
const rememberBox = h('div', { class: 'field remember' },
  h('div', { class: 'choice' },
    h('input', { type: 'checkbox', id: 'd-remember', 'aria-describedby': 'd-remember-hint' }),
    h('label', { for: 'd-remember', i18n: 'remember.label' }, t('remember.label'))),
  h('span', { class: 'hint', id: 'd-remember-hint', i18n: 'remember.hint' }, t('remember.hint')),
  rememberStatus, forget);
const rememberInput = rememberBox.querySelector('input');

const form = mountDeclarationForm(document.getElementById('declaration'), {
  idPrefix: 'd',
  endpoint: '/v1/declarations',
  extra: rememberBox,
  attestOnSubmit: true,
  onResult(answer, b) {
    if (answer.status === 'ACCEPTED' && answer.pass) {
      rejection.hidden = true;
      if (rememberInput.checked) keepProfile(b);
      else forgetProfile();
      rememberPass(answer.pass.passId, answer.pass.shortCode, answer.pass.validUntil);
      window.location.assign(`/pass.html#${encodeURIComponent(answer.pass.passId)}`);
      return;
    }
    lastReasons = answer.reasons || [];
    renderRejection();
    const fields = [...new Set(lastReasons.flatMap((r) => REASON_FIELDS[r] || []))];
    form.mark(fields);
    rejection.hidden = false;
    rejection.focus();
  },
});

renderMyPasses();
document.addEventListener('langchange', () => {
  renderMyPasses();
  if (!rejection.hidden) renderRejection();
});

function say(el, key, vars) {
  el.dataset.i18n = key;
  el.dataset.vars = JSON.stringify(vars || {});
  el.textContent = t(key, vars);
}

const saved = storedProfile();
if (saved) {
  rememberInput.checked = true;
  forget.hidden = false;
  form.fill(saved).then(() => say(rememberStatus, 'remember.loaded'));
}
forget.addEventListener('click', () => {
  forgetProfile();
  rememberInput.checked = false;
  forget.hidden = true;
  say(rememberStatus, 'remember.forgotten');
  form.reset();
  form.form.querySelectorAll('select').forEach((s) => s.dispatchEvent(new Event('change', { bubbles: true })));
});

// ---------------------------------------------------------------- the chip-ID card's QR
const cardStatus = document.getElementById('card-status');
const cardButton = document.getElementById('card-scan');
const cardCamera = document.getElementById('card-camera');
let stopCamera = null;
let cameraTurn = 0; // a card read while the camera was still opening closes it as soon as it opens

function cameraOff() {
  cameraTurn += 1;
  if (stopCamera) stopCamera();
  stopCamera = null;
  cardCamera.hidden = true;
  say(cardButton.firstElementChild, 'card.scan');
}

/** What the camera (or the pasted text) read: a card fills the identity and the residence, then the phone is asked. */
async function useCard(text) {
  cameraOff();
  const card = parseCard(text);
  if (!card) {
    say(cardStatus, 'card.invalid');
    return false;
  }
  const tree = await loadUnits();
  const place = matchAddress(card.address, tree);
  await form.fill({
    citizenId: card.citizenId, fullName: card.fullName, dateOfBirth: card.dateOfBirth, gender: card.gender || undefined,
    residence: place ? { wardCode: place.wardCode, address: place.street } : { address: card.address || '' },
  });
  say(cardStatus, place ? 'card.filled' : 'card.noWard', { name: card.fullName });
  form.focusFirstEmpty();
  return true;
}

/** A test's (or a hardware scanner's) way in: the text a camera would have decoded, by the same path. */
window.movepassCardScanned = useCard;

cardButton.addEventListener('click', async () => {
  if (stopCamera) {
    cameraOff();
    return;
  }
  cardStatus.textContent = '';
  delete cardStatus.dataset.i18n;
  const turn = cameraTurn;
  try {
    const stop = await watchQr(document.getElementById('card-video'), useCard);
    if (turn !== cameraTurn) {
      stop();
      return;
    }
    stopCamera = stop;
  } catch (e) {
    say(cardStatus, 'card.cameraError');
    document.getElementById('card-paste').open = true;
    return;
  }
  cardCamera.hidden = false;
  say(cardButton.firstElementChild, 'card.stop');
});
if (!hasCamera()) cardButton.hidden = true;
document.getElementById('card-use').addEventListener('click', () => useCard(document.getElementById('card-text').value));
document.addEventListener('langchange', () => {
  for (const el of [cardStatus, rememberStatus]) {
    if (el.dataset.i18n) el.textContent = t(el.dataset.i18n, JSON.parse(el.dataset.vars || '{}'));
  }
});
