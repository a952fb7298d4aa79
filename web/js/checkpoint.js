// The officers' page: sign in, scan (camera, photo or typed code), verdict, allow / turn back, paper declarations.
import { applyI18n, formatDate, formatInstant, t, wireLangSwitch } from './i18n.js';
import { call } from './api.js';
import { loadUnits, wardLabel } from './units.js';
import { mountDeclarationForm } from './declaration-form.js';

applyI18n();
wireLangSwitch(document.getElementById('lang-switch'));

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'movepass.officerToken';
const PKCE_KEY = 'movepass.pkce';
let token = null;
let claims = null;
let lastScan = null;
let lastRecorded = null;

// ---------------------------------------------------------------- sign-in
function base64url(bytes) {
  let s = '';
  bytes.forEach((b) => { s += String.fromCharCode(b); });
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The claims of a JWT (read, not verified: the API verifies every call). */
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

function acceptToken(jwt) {
  const c = readClaims(jwt);
  if (!c || (c.exp && c.exp * 1000 < Date.now())) return 'cp.badToken';
  if (c.role !== 'CHECKPOINT_OFFICER' || !c.checkpoint_id) return 'cp.notOfficer';
  token = String(jwt).trim();
  claims = c;
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch (e) {
    // kept in memory only
  }
  return null;
}

function signOut(messageKey) {
  token = null;
  claims = null;
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch (e) {
    // nothing stored
  }
  stopCamera();
  showSignIn(messageKey);
}

let config = { auth: { mode: 'paste' } };

function showSignIn(messageKey) {
  $('work').hidden = true;
  $('cp-who').hidden = true;
  $('cp-signout').hidden = true;
  $('signin').hidden = false;
  const hosted = config.auth && config.auth.mode === 'cognito';
  $('signin-hosted').hidden = !hosted;
  $('signin-paste').hidden = hosted;
  const err = $('signin-error');
  if (messageKey) {
    err.dataset.i18n = messageKey;
    err.textContent = t(messageKey);
    err.hidden = false;
    err.focus();
  } else {
    err.hidden = true;
  }
}

function showWork() {
  $('signin').hidden = true;
  $('work').hidden = false;
  $('cp-who').hidden = false;
  $('cp-signout').hidden = false;
  renderHeading();
  loadUnits().catch(() => {});
  $('scan-code').focus();
}

function renderHeading() {
  if (!claims) return;
  $('cp-heading').textContent = t('cp.at', { id: claims.checkpoint_id });
  $('cp-who').textContent = claims.sub || '';
}

async function hostedSignIn() {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const a = config.auth;
  const q = new URLSearchParams({
    response_type: 'code', client_id: a.clientId, redirect_uri: `${window.location.origin}/checkpoint/`,
    scope: a.scope || 'openid', state, code_challenge_method: 'S256', code_challenge: challenge,
  });
  window.location.assign(`${a.domain}/oauth2/authorize?${q}`);
}

async function finishHostedSignIn(params) {
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
  sessionStorage.removeItem(PKCE_KEY);
  window.history.replaceState(null, '', '/checkpoint/');
  if (!saved || saved.state !== params.get('state')) return 'cp.badToken';
  const a = config.auth;
  const r = await fetch(`${a.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', client_id: a.clientId, code: params.get('code'),
      redirect_uri: `${window.location.origin}/checkpoint/`, code_verifier: saved.verifier,
    }),
  });
  if (!r.ok) return 'cp.badToken';
  const tokens = await r.json();
  return acceptToken(tokens.id_token);
}

$('signin-paste').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const problem = acceptToken($('cp-token').value);
  if (problem) {
    showSignIn(problem);
    return;
  }
  $('cp-token').value = '';
  showWork();
});
$('signin-hosted-button').addEventListener('click', () => { hostedSignIn(); });
$('cp-signout').addEventListener('click', () => signOut(null));

// ---------------------------------------------------------------- scanning
function direction() {
  return document.querySelector('input[name="direction"]:checked').value;
}

function showScanError(key, vars) {
  const box = $('scan-error');
  box.textContent = t(key, vars);
  box.hidden = false;
}

function handleAuthFailure(e) {
  if (e.status === 401) {
    signOut('e.unauthorized');
    return true;
  }
  if (e.status === 403) {
    showScanError('e.forbidden');
    return true;
  }
  return false;
}

async function scan(code) {
  $('scan-error').hidden = true;
  if (!code) {
    $('scan-code').focus();
    return;
  }
  const button = $('scan-submit');
  button.disabled = true;
  try {
    const answer = await call('POST', `/v1/checkpoints/${encodeURIComponent(claims.checkpoint_id)}/scans`,
      { code, direction: direction(), record: false }, token);
    lastScan = answer.json;
    lastRecorded = null;
    $('scan-code').value = '';
    renderVerdict();
    $('verdict').focus();
  } catch (e) {
    if (handleAuthFailure(e)) return;
    if (e.status === 0) showScanError('e.network');
    else if (e.status === 429 || e.status === 503) showScanError('e.busy', { s: e.retryAfter || 5 });
    else if (e.status === 400) showScanError('cp.noQr');
    else showScanError('e.server', { status: e.status });
  } finally {
    button.disabled = false;
  }
}

function fact(list, key, value) {
  if (!value) return;
  const dt = document.createElement('dt');
  dt.textContent = t(key);
  const dd = document.createElement('dd');
  dd.textContent = value;
  list.append(dt, dd);
}

function placeText(p) {
  return p ? [p.address, wardLabel(p.wardCode)].filter(Boolean).join(', ') : '';
}

function renderVerdict() {
  const s = lastScan;
  if (!s) return;
  const box = $('verdict');
  box.hidden = false;
  box.className = s.verdict === 'VALID' ? 'verdict valid' : 'verdict';
  box.dataset.verdict = s.verdict;
  $('verdict-word').textContent = t(`verdict.${s.verdict}`);
  $('verdict-hint').textContent = t(`verdictHint.${s.verdict}`);
  $('verdict-alerts').replaceChildren(...(s.alerts || []).map((a) => {
    const li = document.createElement('li');
    li.textContent = t(`alert.${a}`);
    return li;
  }));
  $('verdict-alerts').hidden = !(s.alerts || []).length;
  const facts = $('verdict-facts');
  facts.replaceChildren();
  if (s.holder) {
    fact(facts, 'cp.name', s.holder.fullName);
    fact(facts, 'cp.dob', formatDate(s.holder.dateOfBirth));
    fact(facts, 'cp.gender', s.holder.gender ? t(`gender.${s.holder.gender}`) : '');
    fact(facts, 'cp.maskedId', s.holder.citizenIdMasked);
  }
  if (s.declaration) {
    const d = s.declaration;
    fact(facts, 'cp.route', `${placeText(d.origin)} → ${placeText(d.destination)}`);
    if (d.vehicle) fact(facts, 'cp.vehicle', [t(`vehicle.${d.vehicle.type}`), d.vehicle.plate].filter(Boolean).join(' · '));
    fact(facts, 'cp.purpose', d.purpose ? t(`purpose.${d.purpose}`) : '');
  }
  if (s.pass) fact(facts, 'cp.validUntil', formatInstant(s.pass.validUntil));
  facts.parentElement.querySelector('[data-i18n="verdict.compare"]').hidden = !s.holder;
  facts.hidden = facts.childElementCount === 0;
  const decided = Boolean(lastRecorded);
  $('decide').hidden = decided || !s.scanId;
  $('plate-seen-field').hidden = !s.declaration;
  $('allow').hidden = s.verdict !== 'VALID';
  $('recorded').hidden = !decided;
  if (decided) $('recorded').textContent = t(`cp.recorded.${lastRecorded}`);
  $('next').hidden = !decided && s.verdict === 'VALID';
}

async function decide(decision) {
  const s = lastScan;
  const plate = $('plate-seen').value.trim();
  for (const b of [$('allow'), $('turn-back')]) b.disabled = true;
  try {
    await call('POST', `/v1/checkpoints/${encodeURIComponent(claims.checkpoint_id)}/passages`,
      { scanId: s.scanId, direction: direction(), decision, vehiclePlate: plate || null }, token);
    lastRecorded = decision;
    $('plate-seen').value = '';
    renderVerdict();
    $('next').focus();
  } catch (e) {
    if (handleAuthFailure(e)) return;
    const detail = e.problem ? (e.problem.errors && e.problem.errors[0] ? e.problem.errors[0].message : e.problem.detail) : '';
    $('recorded').hidden = false;
    $('recorded').textContent = e.status === 0 ? t('e.network') : t('cp.conflict', { detail: detail || e.status });
  } finally {
    for (const b of [$('allow'), $('turn-back')]) b.disabled = false;
  }
}

$('scan-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  scan($('scan-code').value.trim());
});
$('allow').addEventListener('click', () => decide('ALLOWED'));
$('turn-back').addEventListener('click', () => decide('TURNED_BACK'));
$('next').addEventListener('click', () => {
  lastScan = null;
  lastRecorded = null;
  $('verdict').hidden = true;
  $('scan-code').focus();
});

// ---------------------------------------------------------------- decoding QR images (camera or photo)
let detector;
async function decoder() {
  if (detector !== undefined) return detector;
  detector = null;
  if ('BarcodeDetector' in window) {
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (formats.includes('qr_code')) detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    } catch (e) {
      detector = null;
    }
  }
  if (!detector && !window.jsQR) {
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/vendor/jsqr/jsQR.js';
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }
  return detector;
}

const canvas = document.createElement('canvas');
async function decode(source, width, height) {
  const d = await decoder();
  if (d) {
    const codes = await d.detect(source);
    return codes.length ? codes[0].rawValue : null;
  }
  const scale = Math.min(1, 1024 / Math.max(width, height));
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const hit = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  return hit ? hit.data : null;
}

$('photo-input').addEventListener('change', async (ev) => {
  const file = ev.target.files && ev.target.files[0];
  ev.target.value = '';
  if (!file) return;
  $('scan-error').hidden = true;
  try {
    const bitmap = await createImageBitmap(file);
    const code = await decode(bitmap, bitmap.width, bitmap.height);
    if (!code) {
      showScanError('cp.noQr');
      return;
    }
    await scan(code);
  } catch (e) {
    showScanError('cp.noQr');
  }
});

let stream = null;
let scanning = false;
function stopCamera() {
  scanning = false;
  if (stream) stream.getTracks().forEach((track) => track.stop());
  stream = null;
  $('camera').hidden = true;
  $('camera-button').firstElementChild.dataset.i18n = 'cp.camera';
  $('camera-button').firstElementChild.textContent = t('cp.camera');
}

async function startCamera() {
  $('scan-error').hidden = true;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch (e) {
    showScanError('cp.cameraError');
    return;
  }
  const video = $('camera-video');
  video.srcObject = stream;
  await video.play();
  $('camera').hidden = false;
  $('camera-button').firstElementChild.dataset.i18n = 'cp.cameraStop';
  $('camera-button').firstElementChild.textContent = t('cp.cameraStop');
  scanning = true;
  const tick = async () => {
    if (!scanning) return;
    if (video.readyState >= 2) {
      const code = await decode(video, video.videoWidth, video.videoHeight).catch(() => null);
      if (code && scanning) {
        stopCamera();
        await scan(code);
        return;
      }
    }
    setTimeout(tick, 200);
  };
  tick();
}

$('camera-button').addEventListener('click', () => (stream ? stopCamera() : startCamera()));
if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) $('camera-button').hidden = true;

// ---------------------------------------------------------------- paper declarations
let paper = null;
let lastPaper = null;

function renderPaperResult() {
  const answer = lastPaper;
  if (!answer) return;
  const box = $('paper-result');
  box.replaceChildren();
  box.hidden = false;
  if (answer.status === 'ACCEPTED' && answer.pass) {
    const p = document.createElement('p');
    p.textContent = t('cp.paperAccepted', { code: answer.pass.shortCode });
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'button';
    b.textContent = t('cp.paperScan');
    b.addEventListener('click', () => { scan(answer.pass.token); });
    box.append(p, b);
  } else {
    const h = document.createElement('p');
    h.textContent = t('reject.title');
    const ul = document.createElement('ul');
    for (const r of answer.reasons || []) {
      const li = document.createElement('li');
      li.textContent = t(`reason.${r}`);
      ul.append(li);
    }
    box.append(h, ul);
  }
}
$('paper').addEventListener('toggle', () => {
  if (!$('paper').open || paper) return;
  paper = mountDeclarationForm($('paper-form'), {
    idPrefix: 'p',
    endpoint: () => `/v1/checkpoints/${encodeURIComponent(claims.checkpoint_id)}/declarations`,
    token: () => token,
    onResult(answer) {
      lastPaper = answer;
      renderPaperResult();
      if (answer.status === 'ACCEPTED') paper.reset();
      $('paper-result').focus();
    },
  });
});

document.addEventListener('langchange', () => {
  renderHeading();
  renderVerdict();
  renderPaperResult();
});

// ---------------------------------------------------------------- start
(async () => {
  try {
    const r = await fetch('/config.json');
    if (r.ok) config = await r.json();
  } catch (e) {
    // defaults: paste a token
  }
  const params = new URLSearchParams(window.location.search);
  if (params.get('code') && config.auth && config.auth.mode === 'cognito') {
    const problem = await finishHostedSignIn(params).catch(() => 'cp.badToken');
    if (problem) showSignIn(problem); else showWork();
    return;
  }
  let saved = null;
  try {
    saved = sessionStorage.getItem(TOKEN_KEY);
  } catch (e) {
    saved = null;
  }
  if (saved && !acceptToken(saved)) showWork(); else showSignIn(null);
})();
