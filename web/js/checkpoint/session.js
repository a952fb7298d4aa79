// The officer's session: the ID token and its claims (read, not verified: the API verifies every call), kept on the
// phone (localStorage) until sign-out, so that the installed app reopens signed in, also where there is no network.
// Offline, a kept token that has expired still opens the page (an offline check needs no token: the keys are public);
// when the network is back the officer signs in again, and what waits in the queue is sent then.
import { fromBase64url } from '../base64url.js';

// The checkpoint officer's by default; the venue page (/venue/) signs in a VENUE_OPERATOR with its venue_id instead.
const who = { role: 'CHECKPOINT_OFFICER', claim: 'checkpoint_id', storage: 'movepass.officerToken', wrong: 'cp.notOfficer' };
let token = null;
let claims = null;

/** Which role (and scope claim) this page signs in, where its token is kept, and the i18n key saying a token is not one. */
export function configureSession({ role, claim, storage, wrong }) {
  Object.assign(who, { role, claim, storage, wrong });
}

/** The claims of a JWT, or null when it is not one. */
function readClaims(jwt) {
  const parts = String(jwt).trim().split('.');
  if (parts.length !== 3) return null;
  try {
    return JSON.parse(new TextDecoder().decode(fromBase64url(parts[1])));
  } catch (e) {
    return null;
  }
}

function expiredClaims(c) {
  return Boolean(c.exp) && c.exp * 1000 < Date.now();
}

/** Signs in with a token: null when accepted, else the i18n key saying why not. An expired one only when allowed. */
export function acceptToken(jwt, allowExpired = false) {
  const c = readClaims(jwt);
  if (!c || (expiredClaims(c) && !allowExpired)) return 'cp.badToken';
  if (c.role !== who.role || !c[who.claim]) return who.wrong;
  token = String(jwt).trim();
  claims = c;
  try {
    localStorage.setItem(who.storage, token);
  } catch (e) {
    // kept in memory only
  }
  return null;
}

/** Signs in again with the token this phone kept, if it is still good (or expired, when there is no network). */
export function restoreToken() {
  let saved = null;
  try {
    saved = localStorage.getItem(who.storage);
  } catch (e) {
    saved = null;
  }
  return Boolean(saved) && !acceptToken(saved, !navigator.onLine);
}

/** Whether the officer is signed in with a token that has expired (kept for working offline). */
export function tokenExpired() {
  return Boolean(claims) && expiredClaims(claims);
}

/** Forgets the token and tells the page (a 'signout' event whose detail is the i18n key of the reason, or null). */
export function signOut(messageKey) {
  token = null;
  claims = null;
  try {
    localStorage.removeItem(who.storage);
  } catch (e) {
    // nothing stored
  }
  document.dispatchEvent(new CustomEvent('signout', { detail: messageKey }));
}

export function currentToken() {
  return token;
}

export function officer() {
  return claims;
}

/** The path of one of this officer's checkpoint resources: scans, passages, declarations. */
export function checkpointPath(resource) {
  return `/v1/checkpoints/${encodeURIComponent(claims.checkpoint_id)}/${resource}`;
}
