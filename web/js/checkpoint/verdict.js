// The verdict of a scan: the word and its colour, alerts, the holder's health (RED fills the screen with "turn back"
// and the reason; AMBER says what to check), the facts to compare with the ID card, and the officer's decision
// (allow / turn back), recorded as a passage. Letting a RED holder through is a second, deliberate step with a reason.
// A pass checked offline says so, and its decision is queued on the phone (queue.js) until the network is back.
import { formatDate, formatInstant, t } from '../i18n.js';
import { call } from '../api.js';
import { wardLabel } from '../units.js';
import { $ } from '../dom.js';
import { checkpointPath, currentToken, officer } from './session.js';
import { enqueue, flushQueue } from './queue.js';
import { direction, handleAuthFailure } from './scan.js';

let lastScan = null;
let lastRecorded = null;

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

function renderFacts(s) {
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
    if (d.vehicle) {
      fact(facts, 'cp.vehicle', [t(`vehicle.${d.vehicle.type}`), d.vehicle.plate].filter(Boolean).join(' · '));
    }
    fact(facts, 'cp.purpose', d.purpose ? t(`purpose.${d.purpose}`) : '');
  }
  if (s.pass) fact(facts, 'cp.validUntil', formatInstant(s.pass.validUntil));
  facts.parentElement.querySelector('[data-i18n="verdict.compare"]').hidden = !s.holder;
  facts.hidden = facts.childElementCount === 0;
}

const PASSABLE = ['VALID', 'CARD_ONLY'];

function colourOf(s) {
  return s.health ? s.health.colour : null;
}

function item(text) {
  const li = document.createElement('li');
  li.textContent = text;
  return li;
}

// Why RED: "F0 đang cách ly đến 20/12/2026".
export function redReason(h) {
  const vars = { level: h.level, until: formatDate(h.until) };
  if (h.state === 'ISOLATING' && !h.until) return t('health.red.ISOLATING.open', vars);
  return t(`health.red.${h.state}`, vars);
}

// What an AMBER holder needs checked: monitoring, the declaration's flags, incomplete vaccination.
export function amberChecks(s) {
  const h = s.health;
  const checks = [];
  if (h.state === 'MONITORING') checks.push(t('health.check.MONITORING', { level: h.level, until: formatDate(h.until) }));
  const flags = (s.declaration && s.declaration.flags) || [];
  for (const f of ['SYMPTOMS', 'POSITIVE_TEST']) if (flags.includes(f)) checks.push(t(`health.check.${f}`));
  if (h.vaccination && !h.vaccination.complete && checks.length === 0) {
    checks.push(t('health.check.VACCINATION', { doses: h.vaccination.doses }));
  }
  return checks;
}

function renderHealth(s) {
  const colour = colourOf(s);
  const block = $('health');
  block.hidden = !colour || colour === 'GREEN';
  block.dataset.colour = colour || '';
  if (s.health && s.health.offlineAt) {
    // from the offline health list: the colour only, and as of when the list was fetched
    const at = formatInstant(s.health.offlineAt);
    $('health-advice').textContent = t(colour === 'RED' ? 'cp.offline.healthRed' : 'cp.offline.healthAmber', { at });
    $('health-reasons').replaceChildren();
  } else if (colour === 'RED') {
    $('health-advice').textContent = redReason(s.health);
    $('health-reasons').replaceChildren(...(s.advice === 'CHECK' ? [item(t('health.medical'))] : []));
  } else if (colour === 'AMBER') {
    $('health-advice').textContent = t('health.CHECK');
    $('health-reasons').replaceChildren(...amberChecks(s).map(item));
  }
}

function renderVerdict() {
  const s = lastScan;
  if (!s) return;
  const box = $('verdict');
  box.hidden = false;
  const colour = colourOf(s);
  const passable = PASSABLE.includes(s.verdict);
  box.className = colour === 'RED' ? 'verdict red' : passable && colour === 'AMBER' ? 'verdict amber'
    : passable ? 'verdict valid' : 'verdict';
  box.dataset.verdict = s.verdict;
  box.dataset.colour = colour || '';
  box.dataset.advice = s.advice || '';
  const passWord = t(`verdict.${s.verdict}`);
  const passHint = t(`verdictHint.${s.verdict}`);
  // RED: the advice is the word (TURN_BACK, or CHECK for a medical trip); the pass's verdict comes second
  // AMBER from the offline health list: "check further" is the word (there are no reasons to list offline)
  const healthWord = colour === 'RED' || (colour === 'AMBER' && s.health.offlineAt);
  $('verdict-word').textContent = healthWord ? t(`health.${s.advice === 'CHECK' ? 'CHECK' : 'TURN_BACK'}`) : passWord;
  $('verdict-hint').textContent = healthWord ? `${passWord} · ${passHint}` : passHint;
  renderHealth(s);
  $('verdict-offline').hidden = !s.offline;
  if (s.offline) {
    const times = { at: formatInstant(s.dataAsOf), healthAt: formatInstant(s.healthAsOf) };
    let key = 'cp.offline.checkedNoList';
    if (s.dataAsOf) key = !s.healthAsOf ? 'cp.offline.checked' : s.health ? 'cp.offline.checkedListed' : 'cp.offline.checkedHealth';
    $('verdict-offline').textContent = t(key, times);
  }
  $('verdict-alerts').replaceChildren(...(s.alerts || []).map((a) => {
    const li = document.createElement('li');
    li.textContent = t(`alert.${a}`);
    return li;
  }));
  $('verdict-alerts').hidden = !(s.alerts || []).length;
  renderFacts(s);
  const decided = Boolean(lastRecorded);
  $('decide').hidden = decided || !(s.scanId || (s.offline && s.token));
  $('plate-seen-field').hidden = !s.declaration;
  $('allow').hidden = !passable;
  $('allow').className = colour === 'RED' ? 'button secondary' : 'button ok';
  $('allow').querySelector('span').textContent = t(colour === 'RED' ? 'cp.override' : 'cp.allow');
  if (decided || colour !== 'RED') $('override').hidden = true;
  $('recorded').hidden = !decided;
  if (decided) {
    $('recorded').textContent = t(`cp.recorded.${lastRecorded}`) + (s.offline ? ` ${t('cp.offline.queued')}` : '');
  }
  $('next').hidden = !decided && passable;
}

function problemText(e) {
  if (!e.problem) return '';
  return e.problem.errors && e.problem.errors[0] ? e.problem.errors[0].message : e.problem.detail;
}

async function decide(decision, overrideReason) {
  const s = lastScan;
  const plate = $('plate-seen').value.trim();
  const buttons = [$('allow'), $('turn-back'), $('override-confirm')];
  for (const b of buttons) b.disabled = true;
  try {
    if (s.offline) {
      await enqueue({ checkpointId: officer().checkpoint_id, token: s.token, at: new Date().toISOString(), direction: direction(),
        decision });
      if (navigator.onLine) flushQueue();
    } else {
      const body = { scanId: s.scanId, direction: direction(), decision, vehiclePlate: plate || null };
      if (overrideReason) body.overrideReason = overrideReason;
      await call('POST', checkpointPath('passages'), body, currentToken());
    }
    lastRecorded = decision;
    $('plate-seen').value = '';
    $('override-reason').value = '';
    renderVerdict();
    $('next').focus();
  } catch (e) {
    if (handleAuthFailure(e)) return;
    const detail = problemText(e);
    $('recorded').hidden = false;
    $('recorded').textContent = e.status === 0 ? t('e.network') : t('cp.conflict', { detail: detail || e.status });
  } finally {
    for (const b of buttons) b.disabled = false;
  }
}

export function wireVerdict() {
  document.addEventListener('scanned', (ev) => {
    lastScan = ev.detail;
    lastRecorded = null;
    renderVerdict();
    $('verdict').focus();
  });
  $('allow').addEventListener('click', () => {
    if (colourOf(lastScan) !== 'RED') {
      decide('ALLOWED');
      return;
    }
    // RED: a second, deliberate step; the reason goes with the confirmation and is kept on the passage
    $('override').hidden = false;
    $('override-reason').focus();
  });
  $('override-confirm').addEventListener('click', () => {
    const reason = $('override-reason').value.trim();
    if (!reason) {
      $('recorded').hidden = false;
      $('recorded').textContent = t('cp.overrideMissing');
      $('override-reason').focus();
      return;
    }
    decide('ALLOWED', reason);
  });
  $('turn-back').addEventListener('click', () => decide('TURNED_BACK'));
  $('next').addEventListener('click', () => {
    lastScan = null;
    lastRecorded = null;
    $('override').hidden = true;
    $('override-reason').value = '';
    $('verdict').hidden = true;
    $('scan-code').focus();
  });
  document.addEventListener('langchange', renderVerdict);
}
