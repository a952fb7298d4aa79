// The vaccinator's page (/vaccinator/): the site's phone signs in as VACCINATOR (the checkpoint's sign-in, session and
// camera, configured for a vaccination site: the token's site_id), scans the appointment's QR (MPA1:…) or the
// chip-ID card's (POST /v1/vaccination-sites/{siteId}/check-ins), sees the person as the registry knows them, their
// doses and health, then records the dose given (POST /v1/vaccinations), which completes the appointment.
import { applyI18n, formatDate, t, wireLangSwitch } from '../i18n.js';
import { call } from '../api.js';
import { $ } from '../dom.js';
import { configureSession, currentToken, officer } from '../checkpoint/session.js';
import { configureHeading, startSignIn, wireSignIn } from '../checkpoint/signin.js';
import { wireCamera } from '../checkpoint/camera.js';
import { handleAuthFailure, hideScanError, showScanError } from '../checkpoint/scan.js';
import { redReason } from '../checkpoint/verdict.js';

/** The products of POST /v1/vaccinations (VaccineProduct), by the names printed on their boxes. */
const PRODUCTS = [['AZ', 'AstraZeneca (Vaxzevria)'], ['PFIZER', 'Pfizer-BioNTech (Comirnaty)'], ['MODERNA', 'Moderna (Spikevax)'],
  ['SINOPHARM', 'Sinopharm (Vero Cell)'], ['SPUTNIK_V', 'Sputnik V'], ['ABDALA', 'Abdala'], ['HAYAT_VAX', 'Hayat-Vax'],
  ['JANSSEN', 'Janssen']];
const LOT = /^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$/;

let person = null; // the check-in's answer
let recorded = null; // {name, doseNumber, product, lot}
let doseProblem = null;

const siteId = () => officer().site_id;

configureSession({ role: 'VACCINATOR', claim: 'site_id', storage: 'movepass.vaccinatorToken', wrong: 'vxr.notVaccinator' });
configureHeading((claims) => t('vxr.at', { id: claims.site_id }));
applyI18n();
wireLangSwitch($('lang-switch'));
wireSignIn();
wireCamera(checkIn);

function fact(list, key, value) {
  if (!value) return;
  const dt = document.createElement('dt');
  dt.textContent = t(key);
  const dd = document.createElement('dd');
  dd.textContent = value;
  list.append(dt, dd);
}

const productName = (code) => (PRODUCTS.find((p) => p[0] === code) || [code, code])[1];

function nextDose(p) {
  const v = p.health && p.health.vaccination;
  return p.doseNumber || (v ? v.doses : 0) + 1;
}

function renderPerson() {
  const p = person;
  $('person').hidden = !p;
  if (!p) return;
  $('person-name').textContent = p.holder.fullName;
  const appt = $('person-appointment');
  appt.dataset.booked = String(Boolean(p.appointmentId));
  appt.textContent = p.appointmentId ? t('vxr.booked', { n: p.doseNumber }) : t('vxr.walkIn');
  const h = p.health;
  const box = $('person-health');
  box.hidden = !h || h.colour === 'GREEN';
  box.dataset.colour = h ? h.colour : '';
  if (h && h.colour === 'RED') {
    box.className = 'verdict red';
    $('person-health-word').textContent = t('vxr.health.RED');
    $('person-health-why').textContent = redReason(h);
  } else if (h && h.colour === 'AMBER') {
    box.className = 'verdict amber';
    $('person-health-word').textContent = t('vxr.health.AMBER');
    $('person-health-why').textContent = h.state === 'MONITORING'
      ? t('health.check.MONITORING', { level: h.level, until: formatDate(h.until) }) : '';
  }
  const facts = $('person-facts');
  facts.replaceChildren();
  fact(facts, 'cp.maskedId', p.holder.citizenId);
  fact(facts, 'cp.dob', formatDate(p.holder.dateOfBirth));
  fact(facts, 'cp.gender', p.holder.gender ? t(`gender.${p.holder.gender}`) : '');
  const v = h && h.vaccination;
  fact(facts, 'vxr.doses', String(v ? v.doses : 0));
  if (v && v.lastDose) fact(facts, 'vxr.lastDose', `${productName(v.lastDose.product)} · ${formatDate(v.lastDose.date)}`);
  fact(facts, 'vxr.complete', v && v.complete ? t('vxr.yes') : t('vxr.no'));
  $('dose-number').textContent = t('vxr.doseNumber', { n: nextDose(p) });
  renderDoseProblem();
}

function renderDoseProblem() {
  const box = $('dose-error');
  box.hidden = !doseProblem;
  if (doseProblem) box.textContent = doseProblem.text || t(doseProblem.key, doseProblem.vars);
}

function showDoseProblem(p) {
  doseProblem = p;
  renderDoseProblem();
  $('dose-error').focus();
}

function renderDone() {
  $('done').hidden = !recorded;
  if (recorded) $('done-text').textContent = t('vxr.doneText', { ...recorded, product: productName(recorded.product) });
}

/** Checks a code in at this site and shows who it is. */
async function checkIn(code) {
  hideScanError();
  if (!code) {
    $('scan-code').focus();
    return;
  }
  const button = $('scan-submit');
  button.disabled = true;
  try {
    const answer = await call('POST', `/v1/vaccination-sites/${encodeURIComponent(siteId())}/check-ins`, { code }, currentToken());
    person = answer.json;
    recorded = null;
    doseProblem = null;
    $('scan-code').value = '';
    const v = person.health && person.health.vaccination;
    const product = $('dose-product');
    product.value = v && v.lastDose ? v.lastDose.product : '';
    $('dose-lot').value = '';
    renderDone();
    renderPerson();
    $('person').focus();
  } catch (e) {
    const code409 = e.problem && e.problem.errors && e.problem.errors[0] ? e.problem.errors[0].code : null;
    if (e.status === 403) showScanError('vxr.e.forbidden');
    else if (handleAuthFailure(e)) return;
    else if (e.status === 0) showScanError('e.network');
    else if (e.status === 429 || e.status === 503) showScanError('e.busy', { s: e.retryAfter || 5 });
    else if (e.status === 400) showScanError('vxr.e.unreadable');
    else if (e.status === 404) showScanError('vxr.e.notFound');
    else if (e.status === 409 && code409 === 'OTHER_SITE') showScanError('vxr.e.otherSite');
    else showScanError('e.server', { status: e.status });
  } finally {
    button.disabled = false;
  }
}

/** What the API said of a dose, in the vaccinator's words. */
function doseFailure(e) {
  const first = e.problem && Array.isArray(e.problem.errors) && e.problem.errors.length ? e.problem.errors[0] : null;
  const code = first ? first.code : null;
  if (e.status === 409 && code === 'DOSE_RECORDED') return { key: 'vxr.e.doseRecorded' };
  if (e.status === 400 && code === 'TOO_EARLY') {
    const from = (first.message || '').match(/[0-9]{4}-[0-9]{2}-[0-9]{2}/);
    return { key: 'vxr.e.tooEarly', vars: { date: from ? formatDate(from[0]) : '' } };
  }
  if (e.status === 400 && code === 'OUT_OF_ORDER') return { key: 'vxr.e.outOfOrder' };
  if (e.status === 400 && code === 'FORMAT' && first.field === 'lot') return { key: 'vxr.e.lot' };
  if (e.status === 400 && first) return { text: `${first.field}: ${first.message}` };
  if (e.status === 403) return { key: 'vxr.e.forbidden' };
  if (e.status === 0) return { key: 'e.network' };
  if (e.status === 429 || e.status === 503) return { key: 'e.busy', vars: { s: e.retryAfter || 5 } };
  return { key: 'e.server', vars: { status: e.status } };
}

async function recordDose(ev) {
  ev.preventDefault();
  const p = person;
  if (!p) return;
  const product = $('dose-product').value;
  const lot = $('dose-lot').value.trim();
  if (!product) {
    showDoseProblem({ key: 'vxr.e.product' });
    $('dose-product').focus();
    return;
  }
  if (!LOT.test(lot)) {
    showDoseProblem({ key: 'vxr.e.lot' });
    $('dose-lot').focus();
    return;
  }
  doseProblem = null;
  renderDoseProblem();
  const doseNumber = nextDose(p);
  const body = {
    citizenId: p.holder.citizenId, fullName: p.holder.fullName, dateOfBirth: p.holder.dateOfBirth, product, doseNumber,
    administeredAt: new Date().toISOString(), lot, siteId: siteId(),
  };
  const button = $('dose-submit');
  button.disabled = true;
  try {
    await call('POST', '/v1/vaccinations', body, currentToken());
    recorded = { name: p.holder.fullName, n: doseNumber, product, lot };
    person = null;
    renderPerson();
    renderDone();
    $('done').focus();
  } catch (e) {
    if (e.status === 401 && handleAuthFailure(e)) return;
    showDoseProblem(doseFailure(e));
  } finally {
    button.disabled = false;
  }
}

function fillProducts() {
  const select = $('dose-product');
  const chosen = select.value;
  const first = document.createElement('option');
  first.value = '';
  first.textContent = t('choose');
  select.replaceChildren(first, ...PRODUCTS.map(([code, name]) => {
    const o = document.createElement('option');
    o.value = code;
    o.textContent = name;
    return o;
  }));
  select.value = chosen;
}

fillProducts();
$('scan-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  checkIn($('scan-code').value.trim());
});
$('dose-form').addEventListener('submit', recordDose);
$('done-next').addEventListener('click', () => {
  recorded = null;
  renderDone();
  $('scan-code').focus();
});
document.addEventListener('signout', () => {
  person = null;
  recorded = null;
  renderPerson();
  renderDone();
});
document.addEventListener('langchange', () => {
  fillProducts();
  renderPerson();
  renderDone();
});
startSignIn();
