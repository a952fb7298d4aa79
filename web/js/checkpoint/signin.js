// The sign-in screen (a pasted token, or the hosted UI as config.json says), the header's officer and sign-out,
// and the switch to the work screen.
import { t } from '../i18n.js';
import { loadUnits } from '../units.js';
import { $ } from '../dom.js';
import { acceptToken, currentToken, officer, restoreToken, signOut } from './session.js';
import { beginHostedSignIn, finishHostedSignIn } from './hosted-ui.js';

let config = { auth: { mode: 'paste' } };
// the heading of the work screen (the venue page names its venue instead of the checkpoint)
const NAME_KEY = 'movepass.checkpoint.name';

/** The checkpoint's name once known (kept on the phone), else its id. */
let headingOf = (claims) => {
  const id = claims.checkpoint_id;
  const known = JSON.parse(localStorage.getItem(NAME_KEY) || 'null');
  return known && known.id === id ? t('cp.atName', { name: known.name, id }) : t('cp.at', { id });
};

export function configureHeading(fn) {
  headingOf = fn;
}
const hosted = () => Boolean(config.auth && config.auth.mode === 'cognito');

function showSignIn(messageKey) {
  $('work').hidden = true;
  $('cp-who').hidden = true;
  $('cp-signout').hidden = true;
  $('signin').hidden = false;
  $('signin-hosted').hidden = !hosted();
  $('signin-paste').hidden = hosted();
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

function renderHeading() {
  const claims = officer();
  if (!claims) return;
  $('cp-heading').textContent = headingOf(claims);
  $('cp-who').textContent = claims.sub || '';
}

/** The checkpoint's name for the heading: fetched when online, kept on the phone for the days without network. */
async function loadCheckpointName() {
  const claims = officer();
  const token = currentToken();
  if (!claims || !claims.checkpoint_id || !token) return;
  try {
    const response = await fetch(`/v1/checkpoints/${encodeURIComponent(claims.checkpoint_id)}`,
      { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    if (!response.ok) return;
    const cp = await response.json();
    localStorage.setItem(NAME_KEY, JSON.stringify({ id: cp.checkpointId, name: cp.name }));
    renderHeading();
  } catch (e) {
    // offline: the name kept from the last time, or the id
  }
}

function showWork() {
  $('signin').hidden = true;
  $('work').hidden = false;
  $('cp-who').hidden = false;
  $('cp-signout').hidden = false;
  renderHeading();
  loadCheckpointName();
  loadUnits().catch(() => {});
  document.dispatchEvent(new CustomEvent('signedin'));
  $('scan-code').focus();
}

export function wireSignIn() {
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
  $('signin-hosted-button').addEventListener('click', () => { beginHostedSignIn(config.auth); });
  $('cp-signout').addEventListener('click', () => signOut(null));
  document.addEventListener('signout', (ev) => showSignIn(ev.detail));
  document.addEventListener('langchange', renderHeading);
}

/** Reads config.json, then shows the work screen if the officer is signed in (back from the hosted UI, or earlier in this tab). */
export async function startSignIn() {
  try {
    const r = await fetch('/config.json');
    if (r.ok) config = await r.json();
  } catch (e) {
    // defaults: paste a token
  }
  const params = new URLSearchParams(window.location.search);
  if (params.get('code') && hosted()) {
    const problem = await finishHostedSignIn(config.auth, params).catch(() => 'cp.badToken');
    if (problem) showSignIn(problem); else showWork();
    return;
  }
  if (restoreToken()) showWork(); else showSignIn(null);
}
