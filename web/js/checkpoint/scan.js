// The scan form: the direction, the code (typed, or read by the camera or from a photo), and what went wrong.
// A checked code becomes a 'scanned' event whose detail is the API's answer (the verdict shows it). With no network
// (or none within SCAN_TIMEOUT_MS) a pass's QR is checked on the phone instead (offline-check.js).
import { t } from '../i18n.js';
import { call } from '../api.js';
import { $ } from '../dom.js';
import { checkpointPath, currentToken, signOut } from './session.js';
import { checkOffline } from './offline-check.js';

const SCAN_TIMEOUT_MS = 8000;

export function direction() {
  return document.querySelector('input[name="direction"]:checked').value;
}

export function showScanError(key, vars) {
  const box = $('scan-error');
  box.textContent = t(key, vars);
  box.hidden = false;
}

export function hideScanError() {
  $('scan-error').hidden = true;
}

/** A 401 signs the officer out, a 403 is said on the form: true when the failure was one of those. */
export function handleAuthFailure(e) {
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

async function scanOffline(code) {
  const answer = await checkOffline(code);
  if (!answer) showScanError('cp.offline.needsNetwork');
  else if (answer.noData) showScanError('cp.offline.noData');
  else {
    $('scan-code').value = '';
    document.dispatchEvent(new CustomEvent('scanned', { detail: answer }));
  }
}

/** Checks a code without recording a passage (the officer decides on the verdict). */
export async function scan(code) {
  hideScanError();
  if (!code) {
    $('scan-code').focus();
    return;
  }
  const button = $('scan-submit');
  button.disabled = true;
  try {
    if (!navigator.onLine) {
      await scanOffline(code);
      return;
    }
    const answer = await call('POST', checkpointPath('scans'), { code, direction: direction(), record: false }, currentToken(),
      { timeoutMs: SCAN_TIMEOUT_MS });
    $('scan-code').value = '';
    document.dispatchEvent(new CustomEvent('scanned', { detail: answer.json }));
  } catch (e) {
    if (handleAuthFailure(e)) return;
    if (e.status === 0) await scanOffline(code);
    else if (e.status === 429 || e.status === 503) showScanError('e.busy', { s: e.retryAfter || 5 });
    else if (e.status === 400) showScanError('cp.noQr');
    else showScanError('e.server', { status: e.status });
  } finally {
    button.disabled = false;
  }
}

export function wireScan() {
  $('scan-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    scan($('scan-code').value.trim());
  });
}
