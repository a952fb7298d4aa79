// The verdict of a scan: the word and its colour, alerts, the facts to compare with the ID card, and the
// officer's decision (allow / turn back), recorded as a passage.
import { formatDate, formatInstant, t } from '../i18n.js';
import { call } from '../api.js';
import { wardLabel } from '../units.js';
import { $ } from '../dom.js';
import { checkpointPath, currentToken } from './session.js';
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
  renderFacts(s);
  const decided = Boolean(lastRecorded);
  $('decide').hidden = decided || !s.scanId;
  $('plate-seen-field').hidden = !s.declaration;
  $('allow').hidden = s.verdict !== 'VALID';
  $('recorded').hidden = !decided;
  if (decided) $('recorded').textContent = t(`cp.recorded.${lastRecorded}`);
  $('next').hidden = !decided && s.verdict === 'VALID';
}

function problemText(e) {
  if (!e.problem) return '';
  return e.problem.errors && e.problem.errors[0] ? e.problem.errors[0].message : e.problem.detail;
}

async function decide(decision) {
  const s = lastScan;
  const plate = $('plate-seen').value.trim();
  for (const b of [$('allow'), $('turn-back')]) b.disabled = true;
  try {
    await call('POST', checkpointPath('passages'),
      { scanId: s.scanId, direction: direction(), decision, vehiclePlate: plate || null }, currentToken());
    lastRecorded = decision;
    $('plate-seen').value = '';
    renderVerdict();
    $('next').focus();
  } catch (e) {
    if (handleAuthFailure(e)) return;
    const detail = problemText(e);
    $('recorded').hidden = false;
    $('recorded').textContent = e.status === 0 ? t('e.network') : t('cp.conflict', { detail: detail || e.status });
  } finally {
    for (const b of [$('allow'), $('turn-back')]) b.disabled = false;
  }
}

export function wireVerdict() {
  document.addEventListener('scanned', (ev) => {
    lastScan = ev.detail;
    lastRecorded = null;
    renderVerdict();
    $('verdict').focus();
  });
  $('allow').addEventListener('click', () => decide('ALLOWED'));
  $('turn-back').addEventListener('click', () => decide('TURNED_BACK'));
  $('next').addEventListener('click', () => {
    lastScan = null;
    lastRecorded = null;
    $('verdict').hidden = true;
    $('scan-code').focus();
  });
  document.addEventListener('langchange', renderVerdict);
}
