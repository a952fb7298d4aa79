// What the page needs to check a pass with no network: the JWKS (every kid) and the revocation list, each with the
// time it was fetched. Loaded at sign-in, refreshed whenever the network comes back and every few minutes while
// online; the service worker answers from its cache when the network is gone (x-fetched-at says how old the copy is).
// The administrative units come the same way (units.js), for the wards of a pass's route.
import { loadUnits } from '../units.js';
import { currentToken } from './session.js';
import { fromBase64url } from '../base64url.js';

const REFRESH_MS = 5 * 60 * 1000;
const state = { keys: new Map(), revoked: new Set(), keysAt: null, revokedAt: null };
let timer = null;

function fetchedAt(response) {
  const at = response.headers.get('x-fetched-at');
  return at ? new Date(at) : new Date();
}

async function loadKeys() {
  const response = await fetch('/.well-known/jwks.json');
  if (!response.ok) throw new Error(`jwks: ${response.status}`);
  const jwks = await response.json();
  const keys = new Map();
  for (const k of jwks.keys || []) {
    if (k.kty === 'OKP' && k.crv === 'Ed25519' && k.kid && k.x) keys.set(k.kid, fromBase64url(k.x));
  }
  state.keys = keys;
  state.keysAt = fetchedAt(response);
}

async function loadRevocations() {
  const token = currentToken();
  if (!token) return;
  const response = await fetch('/v1/passes/revocations', { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  if (!response.ok) throw new Error(`revocations: ${response.status}`);
  const list = await response.json();
  state.revoked = new Set(list.revoked || []);
  state.revokedAt = fetchedAt(response);
}

/** Loads (or refreshes) the keys, the revocation list and the units; tells the page with an 'offlinedata' event. */
export async function refreshOfflineData() {
  await Promise.allSettled([loadKeys(), loadRevocations(), loadUnits()]);
  document.dispatchEvent(new CustomEvent('offlinedata'));
}

/** The keys by kid (raw 32-byte Ed25519 public keys), the revoked entries, and when each was fetched. */
export function offlineData() {
  return state;
}

/** The oldest fetch time of the data an offline check needs, or null when some of it was never fetched. */
export function dataAsOf() {
  if (!state.keysAt || !state.revokedAt) return null;
  return state.keysAt < state.revokedAt ? state.keysAt : state.revokedAt;
}

export function wireOfflineData() {
  window.addEventListener('online', () => refreshOfflineData());
  if (!timer) timer = setInterval(() => { if (navigator.onLine) refreshOfflineData(); }, REFRESH_MS);
}
