// The officer's session: the ID token and its claims (read, not verified: the API verifies every call), kept for the tab.
const TOKEN_KEY = 'movepass.officerToken';
let token = null;
let claims = null;

/** The claims of a JWT, or null when it is not one. */
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

/** Signs in with a token: null when accepted, else the i18n key saying why not. */
export function acceptToken(jwt) {
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

/** Signs in again with the token this tab kept, if it is still good. */
export function restoreToken() {
  let saved = null;
  try {
    saved = sessionStorage.getItem(TOKEN_KEY);
  } catch (e) {
    saved = null;
  }
  return Boolean(saved) && !acceptToken(saved);
}

/** Forgets the token and tells the page (a 'signout' event whose detail is the i18n key of the reason, or null). */
export function signOut(messageKey) {
  token = null;
  claims = null;
  try {
    sessionStorage.removeItem(TOKEN_KEY);
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
