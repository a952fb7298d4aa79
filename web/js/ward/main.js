// The ward police page (/ward/): sign in with a WARD_POLICE token, the ward's current list (GET /v1/wards/{ward}/health)
// with days left, a resident's health and history (GET /v1/citizens/{id}/health), and the events ward police may record
// (POST /v1/citizens/{id}/health-events: CLASSIFIED F1–F3, a negative TESTED, ISOLATION, RELEASED).
import { applyI18n, formatDate, formatInstant, t, wireLangSwitch } from '../i18n.js';
import { call } from '../api.js';
import { $ } from '../dom.js';

const TOKEN_KEY = 'movepass.wardToken';
let token = null;
let claims = null;
let nextPage = null;
let current = null;

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
  if (c.role !== 'WARD_POLICE' || !c.ward_code) return 'ward.notPolice';
  token = String(jwt).trim();
  claims = c;
  try { sessionStorage.setItem(TOKEN_KEY, token); } catch (e) { /* memory only */ }
  return null;
}

function showError(id, e) {
  const box = $(id);
  box.hidden = false;
  box.textContent = e.status === 0 ? t('e.network') : (e.problem && e.problem.detail) || `HTTP ${e.status}`;
}

/** Days left until the last day `until` (a date), counted from today; null when open-ended. */
function daysLeft(until) {
  if (!until) return null;
  const end = Date.parse(`${until}T23:59:59+07:00`);
  return Math.max(0, Math.ceil((end - Date.now()) / 86400000));
}

function describe(h) {
  if (!h) return '';
  const left = daysLeft(h.until);
  const parts = [`${h.level} · ${t(`ward.state.${h.state}`)}`];
  if (h.until) parts.push(t('ward.untilDay', { until: formatDate(h.until) }));
  parts.push(left === null ? t('ward.open') : t('ward.daysLeft', { n: left }));
  return parts.join(' · ');
}

async function loadList(more) {
  const state = $('ward-state').value;
  const query = new URLSearchParams();
  if (state) query.set('state', state);
  if (more && nextPage) query.set('pageToken', nextPage);
  $('ward-error').hidden = true;
  try {
    const answer = await call('GET', `/v1/wards/${encodeURIComponent(claims.ward_code)}/health?${query}`, undefined, token);
    const items = answer.json.items || [];
    if (!more) $('ward-list').replaceChildren();
    for (const item of items) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'link';
      b.textContent = `${item.fullName} — ${describe(item)}`;
      b.dataset.citizenId = item.citizenId;
      b.addEventListener('click', () => openResident(item.citizenId));
      li.append(b);
      $('ward-list').append(li);
    }
    if (!$('ward-list').childElementCount) {
      const li = document.createElement('li');
      li.textContent = t('ward.empty');
      $('ward-list').append(li);
    }
    nextPage = answer.json.nextPageToken || null;
    $('ward-more').hidden = !nextPage;
  } catch (e) {
    showError('ward-error', e);
  }
}

async function openResident(citizenId) {
  try {
    const answer = await call('GET', `/v1/citizens/${encodeURIComponent(citizenId)}/health`, undefined, token);
    current = answer.json;
    renderResident();
    $('resident').hidden = false;
    $('resident').focus();
  } catch (e) {
    showError('ward-error', e);
  }
}

function renderResident() {
  if (!current) return;
  const button = document.querySelector(`#ward-list button[data-citizen-id="${current.citizenId}"]`);
  $('resident-name').textContent = button ? button.textContent.split(' — ')[0] : current.citizenId;
  $('resident-health').textContent = describe(current.health);
  $('resident-history').replaceChildren(...(current.history || []).map((ev) => {
    const li = document.createElement('li');
    li.textContent = [formatInstant(ev.at), t(`ward.type.${ev.type}`), ev.level, ev.by ? ev.by.role : '']
      .filter(Boolean).join(' · ');
    return li;
  }));
}

function renderEventFields() {
  const type = $('event-type').value;
  $('event-level-field').hidden = type !== 'CLASSIFIED';
  $('event-place-field').hidden = type !== 'ISOLATION';
  $('event-reason-field').hidden = type !== 'RELEASED';
}

async function recordEvent(ev) {
  ev.preventDefault();
  const type = $('event-type').value;
  const body = { type, at: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
  if (type === 'CLASSIFIED') body.level = $('event-level').value;
  if (type === 'TESTED') body.test = { method: 'RAPID_ANTIGEN', result: 'NEGATIVE', sampledAt: body.at };
  if (type === 'ISOLATION') {
    body.place = $('event-place').value;
    body.until = $('event-until').value || null;
  }
  if (type === 'RELEASED') body.reason = $('event-reason').value.trim();
  const result = $('event-result');
  try {
    const r = await fetch(`/v1/citizens/${encodeURIComponent(current.citizenId)}/health-events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}`,
        'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(body),
    });
    const json = await r.json().catch(() => null);
    result.hidden = false;
    if (!r.ok) {
      result.textContent = t('cp.conflict', { detail: (json && json.errors && json.errors[0] && json.errors[0].message)
        || (json && json.detail) || r.status });
      return;
    }
    result.textContent = t('ward.saved');
    await openResident(current.citizenId);
    loadList(false);
  } catch (e) {
    result.hidden = false;
    result.textContent = t('e.network');
  }
}

function showWork() {
  $('signin').hidden = true;
  $('work').hidden = false;
  $('ward-who').hidden = false;
  $('ward-signout').hidden = false;
  $('ward-who').textContent = claims.sub || '';
  $('ward-heading').textContent = t('ward.heading', { ward: claims.ward_code });
  loadList(false);
}

function showSignIn(key) {
  $('work').hidden = true;
  $('signin').hidden = false;
  $('ward-who').hidden = true;
  $('ward-signout').hidden = true;
  const err = $('signin-error');
  err.hidden = !key;
  if (key) err.textContent = t(key);
}

applyI18n();
wireLangSwitch($('lang-switch'));
$('signin-paste').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const problem = accept($('ward-token').value);
  if (problem) {
    showSignIn(problem);
    return;
  }
  $('ward-token').value = '';
  showWork();
});
$('ward-signout').addEventListener('click', () => {
  token = null;
  claims = null;
  try { sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* nothing kept */ }
  showSignIn(null);
});
$('ward-state').addEventListener('change', () => loadList(false));
$('ward-more').addEventListener('click', () => loadList(true));
$('event-type').addEventListener('change', renderEventFields);
$('event-form').addEventListener('submit', recordEvent);
document.addEventListener('langchange', () => {
  if (claims) $('ward-heading').textContent = t('ward.heading', { ward: claims.ward_code });
  renderResident();
});
renderEventFields();
let saved = null;
try { saved = sessionStorage.getItem(TOKEN_KEY); } catch (e) { saved = null; }
if (saved && !accept(saved)) showWork(); else showSignIn(null);
