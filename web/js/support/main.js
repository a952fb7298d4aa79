// The commune officials' page (/support/): sign in with a COMMUNE_OFFICIAL token; the ward's policy-support cases
// (GET /v1/wards/{ward}/support-cases, by status and policy, paged); a payment (POST /v1/support-cases/{id}/payments);
// a new case with the registry's answer shown (POST …/support-cases); a CSV import with its upload progress and the
// rejected lines (POST …/support-cases/import).
import { applyI18n, currentLang, formatInstant, t, wireLangSwitch } from '../i18n.js';
import { call } from '../api.js';
import { $ } from '../dom.js';

const TOKEN_KEY = 'movepass.supportToken';
const STATUS = { PENDING: 'sp.status.PENDING', PAID: 'sp.status.PAID' };
/** What an error code means to the official: the registry's reasons, the residence, eligibility, the guard. */
const CODES = {
  NOT_IN_REGISTRY: 'sp.code.NOT_IN_REGISTRY',
  NAME_MISMATCH: 'sp.code.NAME_MISMATCH',
  DOB_MISMATCH: 'sp.code.DOB_MISMATCH',
  GENDER_MISMATCH: 'sp.code.GENDER_MISMATCH',
  ID_INCONSISTENT: 'sp.code.ID_INCONSISTENT',
  DECEASED: 'sp.code.DECEASED',
  NOT_RESIDENT: 'sp.code.NOT_RESIDENT',
  NOT_ELIGIBLE: 'sp.code.NOT_ELIGIBLE',
  ALREADY_REGISTERED: 'sp.code.ALREADY_REGISTERED',
  ALREADY_PAID: 'sp.code.ALREADY_PAID',
};
let token = null;
let claims = null;
let policies = [];
let nextPage = null;
let paying = null;

function readClaims(jwt) {
  const parts = String(jwt).trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
  } catch (e) {
    return null;
  }
}

function accept(jwt) {
  const c = readClaims(jwt);
  if (!c || (c.exp && c.exp * 1000 < Date.now())) return 'cp.badToken';
  if (c.role !== 'COMMUNE_OFFICIAL' || !c.ward_code) return 'sp.notCommune';
  token = String(jwt).trim();
  claims = c;
  try { sessionStorage.setItem(TOKEN_KEY, token); } catch (e) { /* memory only */ }
  return null;
}

function vnd(amount) {
  return `${new Intl.NumberFormat(currentLang() === 'vi' ? 'vi-VN' : 'en-GB').format(amount)} ₫`;
}

function policyTitle(id) {
  const p = policies.find((x) => x.policyId === id);
  if (!p) return id;
  return currentLang() === 'vi' ? p.titleVi : p.titleEn;
}

/** The problem's errors as the official reads them (a known code's text, else the server's message). */
function explain(e) {
  if (e.status === 0) return t('e.network');
  const problem = e.problem || {};
  const errors = problem.errors || [];
  if (!errors.length) return problem.detail || `HTTP ${e.status}`;
  return errors.map((err) => {
    const key = CODES[err.code];
    const text = key ? t(key) : `${err.field}: ${err.message}`;
    return err.code === 'ALREADY_REGISTERED' ? `${text} ${problem.detail || ''}`.trim() : text;
  }).join(' ');
}

function fillPolicies() {
  for (const id of ['add-policy', 'sp-filter-policy']) {
    const select = $(id);
    const keep = select.value;
    select.querySelectorAll('option[data-policy]').forEach((o) => o.remove());
    for (const p of policies) {
      const o = document.createElement('option');
      o.value = p.policyId;
      o.dataset.policy = p.policyId;
      o.textContent = `${currentLang() === 'vi' ? p.titleVi : p.titleEn} (${vnd(p.amount.vnd)}`
        + `${p.amount.kind === 'PER_DAY' ? t('sp.perDay') : ''})`;
      select.append(o);
    }
    select.value = keep;
  }
}

async function loadPolicies() {
  try {
    policies = (await call('GET', '/v1/support/policies', undefined, token)).json.items || [];
    fillPolicies();
  } catch (e) {
    $('sp-list-error').hidden = false;
    $('sp-list-error').textContent = explain(e);
  }
}

async function loadList(more) {
  const query = new URLSearchParams();
  if ($('sp-status').value) query.set('status', $('sp-status').value);
  if ($('sp-filter-policy').value) query.set('policyId', $('sp-filter-policy').value);
  if (more && nextPage) query.set('pageToken', nextPage);
  $('sp-list-error').hidden = true;
  try {
    const answer = await call('GET', `/v1/wards/${encodeURIComponent(claims.ward_code)}/support-cases?${query}`, undefined, token);
    if (!more) $('sp-list').replaceChildren();
    for (const item of answer.json.items || []) {
      const li = document.createElement('li');
      li.dataset.supportCaseId = item.supportCaseId;
      const text = document.createElement('span');
      text.textContent = `${item.fullName} — ${policyTitle(item.policyId)} · ${vnd(item.amountVnd)} · ${t(STATUS[item.status])}`
        + (item.payment ? ` (${formatInstant(item.payment.paidAt)})` : '');
      li.append(text);
      if (item.status === 'PENDING') {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'link';
        b.textContent = t('sp.pay');
        b.addEventListener('click', () => openPayment(item));
        li.append(' ', b);
      }
      $('sp-list').append(li);
    }
    if (!$('sp-list').childElementCount) {
      const li = document.createElement('li');
      li.textContent = t('ward.empty');
      $('sp-list').append(li);
    }
    nextPage = answer.json.nextPageToken || null;
    $('sp-more').hidden = !nextPage;
  } catch (e) {
    $('sp-list-error').hidden = false;
    $('sp-list-error').textContent = explain(e);
  }
}

function openPayment(item) {
  paying = item;
  $('pay-case').textContent = `${item.fullName} — ${policyTitle(item.policyId)} · ${vnd(item.amountVnd)}`;
  $('pay-result').hidden = true;
  $('pay').hidden = false;
  $('pay').focus();
}

async function pay(ev) {
  ev.preventDefault();
  if (!paying) return;
  const body = { amountVnd: paying.amountVnd, paidAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    method: $('pay-method').value };
  const reference = $('pay-reference').value.trim();
  if (reference) body.reference = reference;
  const result = $('pay-result');
  result.hidden = false;
  try {
    await call('POST', `/v1/support-cases/${encodeURIComponent(paying.supportCaseId)}/payments`, body, token);
    result.textContent = t('sp.paid');
    $('pay-reference').value = '';
    paying = null;
    loadList(false);
  } catch (e) {
    result.textContent = explain(e);
  }
}

async function addCase(ev) {
  ev.preventDefault();
  const body = {
    citizenId: $('add-citizenId').value.trim(), fullName: $('add-fullName').value.trim(),
    dateOfBirth: $('add-dateOfBirth').value, gender: $('add-gender').value, policyId: $('add-policy').value,
    residence: $('add-residence').value,
  };
  const days = $('add-days').value.trim();
  if (days) body.days = Number(days);
  const note = $('add-note').value.trim();
  if (note) body.note = note;
  const result = $('add-result');
  result.hidden = false;
  result.classList.remove('error');
  try {
    const answer = await call('POST', `/v1/wards/${encodeURIComponent(claims.ward_code)}/support-cases`, body, token);
    result.textContent = t('sp.added', { name: answer.json.fullName, amount: vnd(answer.json.amountVnd) });
    $('add-form').reset();
    loadList(false);
  } catch (e) {
    result.classList.add('error');
    result.textContent = explain(e);
  }
}

/** The CSV goes up with XMLHttpRequest: its upload events drive the progress bar (fetch has none). */
function importCsv(ev) {
  ev.preventDefault();
  const file = $('import-file').files[0];
  const result = $('import-result');
  const progress = $('import-progress');
  $('import-rejected').replaceChildren();
  if (!file) {
    result.hidden = false;
    result.textContent = t('sp.noFile');
    return;
  }
  const xhr = new XMLHttpRequest();
  xhr.open('POST', `/v1/wards/${encodeURIComponent(claims.ward_code)}/support-cases/import`);
  xhr.setRequestHeader('Content-Type', 'text/csv');
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.setRequestHeader('Authorization', `Bearer ${token}`);
  progress.hidden = false;
  progress.value = 0;
  result.hidden = false;
  result.textContent = t('sp.uploading');
  xhr.upload.addEventListener('progress', (e) => {
    if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100);
  });
  xhr.upload.addEventListener('load', () => {
    progress.value = 100;
    result.textContent = t('sp.checking');
  });
  xhr.addEventListener('error', () => { result.textContent = t('e.network'); });
  xhr.addEventListener('load', () => {
    let json = null;
    try { json = JSON.parse(xhr.responseText); } catch (e) { json = null; }
    if (xhr.status !== 200 || !json) {
      result.textContent = (json && json.detail) || `HTTP ${xhr.status}`;
      return;
    }
    result.textContent = t('sp.imported', { imported: json.imported, unchanged: json.unchanged, rejected: json.rejectedLines });
    for (const r of json.rejected || []) {
      const li = document.createElement('li');
      const key = CODES[r.code];
      li.textContent = t('sp.line', { line: r.line }) + (key ? t(key) : `${r.field || ''} ${r.code}`.trim());
      $('import-rejected').append(li);
    }
    loadList(false);
  });
  xhr.send(file);
}

function showWork() {
  $('signin').hidden = true;
  $('work').hidden = false;
  $('sp-who').hidden = false;
  $('sp-signout').hidden = false;
  $('sp-who').textContent = claims.sub || '';
  $('sp-heading').textContent = t('sp.heading', { ward: claims.ward_code });
  loadPolicies().then(() => loadList(false));
}

function showSignIn(key) {
  $('work').hidden = true;
  $('signin').hidden = false;
  $('sp-who').hidden = true;
  $('sp-signout').hidden = true;
  const err = $('signin-error');
  err.hidden = !key;
  if (key) err.textContent = t(key);
}

applyI18n();
wireLangSwitch($('lang-switch'));
$('signin-paste').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const problem = accept($('sp-token').value);
  if (problem) {
    showSignIn(problem);
    return;
  }
  $('sp-token').value = '';
  showWork();
});
$('sp-signout').addEventListener('click', () => {
  token = null;
  claims = null;
  try { sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* nothing kept */ }
  showSignIn(null);
});
$('sp-status').addEventListener('change', () => loadList(false));
$('sp-filter-policy').addEventListener('change', () => loadList(false));
$('sp-more').addEventListener('click', () => loadList(true));
$('pay-form').addEventListener('submit', pay);
$('add-form').addEventListener('submit', addCase);
$('import-form').addEventListener('submit', importCsv);
document.addEventListener('langchange', () => {
  if (!claims) return;
  $('sp-heading').textContent = t('sp.heading', { ward: claims.ward_code });
  fillPolicies();
  loadList(false);
});
let saved = null;
try { saved = sessionStorage.getItem(TOKEN_KEY); } catch (e) { saved = null; }
if (saved && !accept(saved)) showWork(); else showSignIn(null);
