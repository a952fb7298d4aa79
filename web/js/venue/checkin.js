// The venue's check-in: a code (typed, or read by the camera or from a photo) and the direction are sent at once
// (POST /v1/venues/{venueId}/check-ins: every IN is recorded), and the answer is shown with the advice in the
// checkpoint's colours and words: RED "QUAY LẠI" with the reason, AMBER "KIỂM TRA THÊM" with what to check, GREEN
// "CHO VÀO". Then the list of who is inside now is read again.
import { formatInstant, t } from '../i18n.js';
import { call } from '../api.js';
import { $ } from '../dom.js';
import { currentToken, officer } from '../checkpoint/session.js';
import { direction, handleAuthFailure, hideScanError, showScanError } from '../checkpoint/scan.js';
import { amberChecks, redReason } from '../checkpoint/verdict.js';

let last = null;
let inside = null;

export const venuePath = (resource) => `/v1/venues/${encodeURIComponent(officer().venue_id)}${resource}`;

function item(text) {
  const li = document.createElement('li');
  li.textContent = text;
  return li;
}

function fact(list, key, value) {
  if (!value) return;
  const dt = document.createElement('dt');
  dt.textContent = t(key);
  const dd = document.createElement('dd');
  dd.textContent = value;
  list.append(dt, dd);
}

/** The word of an answer: the advice (as the checkpoint says it), or the pass's verdict when nobody was named. */
function word(a) {
  if (!a.advice) return t(`verdict.${a.verdict}`);
  return t(`venue.advice.${a.advice}`);
}

function render() {
  const a = last;
  if (!a) return;
  const box = $('verdict');
  const colour = a.health ? a.health.colour : null;
  box.hidden = false;
  box.className = colour === 'RED' ? 'verdict red' : colour === 'AMBER' ? 'verdict amber' : a.advice ? 'verdict valid' : 'verdict';
  box.dataset.colour = colour || '';
  box.dataset.advice = a.advice || '';
  box.dataset.verdict = a.verdict || '';
  $('verdict-word').textContent = word(a);
  $('verdict-hint').textContent = a.advice ? t(`venue.hint.${a.advice}`) : t(`verdictHint.${a.verdict}`);
  const block = $('health');
  block.hidden = colour !== 'RED' && colour !== 'AMBER';
  if (colour === 'RED') {
    $('health-advice').textContent = redReason(a.health);
    $('health-reasons').replaceChildren();
  } else if (colour === 'AMBER') {
    $('health-advice').textContent = t('health.CHECK');
    $('health-reasons').replaceChildren(...amberChecks(a).map(item));
  }
  const facts = $('verdict-facts');
  facts.replaceChildren();
  if (a.holder) {
    fact(facts, 'cp.name', a.holder.fullName);
    fact(facts, 'cp.maskedId', a.holder.citizenIdMasked);
  }
  facts.hidden = facts.childElementCount === 0;
  $('recorded').textContent = a.checkInId ? t(`venue.recorded.${a.direction}`) : t('venue.notRecorded');
}

function renderInside() {
  if (!inside) return;
  $('inside-count').textContent = t('venue.insideCount', { n: inside.items.length });
  $('inside-list').replaceChildren(...inside.items.map((p) => {
    const li = document.createElement('li');
    li.dataset.checkIn = p.checkInId;
    li.textContent = `${p.fullName} · ${p.citizenIdMasked} · ${t('venue.since', { at: formatInstant(p.inAt) })}`;
    return li;
  }));
}

/** Reads who is inside now again. */
export async function refreshInside() {
  try {
    inside = (await call('GET', venuePath('/inside'), undefined, currentToken())).json;
    renderInside();
  } catch (e) {
    if (!handleAuthFailure(e)) $('inside-count').textContent = e.status === 0 ? t('e.network') : t('e.server', { status: e.status });
  }
}

/** Checks a code in (or out) at this venue, shows the answer, then who is inside. */
export async function checkIn(code) {
  hideScanError();
  if (!code) {
    $('scan-code').focus();
    return;
  }
  const button = $('scan-submit');
  button.disabled = true;
  try {
    last = (await call('POST', venuePath('/check-ins'), { code, direction: direction() }, currentToken())).json;
    $('scan-code').value = '';
    render();
    $('verdict').focus();
    refreshInside();
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

export function wireCheckIn() {
  $('scan-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    checkIn($('scan-code').value.trim());
  });
  $('inside-refresh').addEventListener('click', refreshInside);
  document.addEventListener('signout', () => {
    last = null;
    inside = null;
    $('verdict').hidden = true;
  });
  document.addEventListener('langchange', () => {
    render();
    renderInside();
  });
}
