// What the page needs to check a pass with no network: the JWKS (every kid), the revocation list and the offline
// health list of the checkpoint's province (health-list.js), each with the time it was fetched. Loaded at sign-in,
// refreshed whenever the network comes back and every few minutes while online; the service worker answers from its
// cache when the network is gone (x-fetched-at says how old the copy is).
// The administrative units come the same way (units.js), for the wards of a pass's route.
import { loadUnits, parentsOf } from '../units.js';
import { currentToken, officer } from './session.js';
import { fromBase64url } from '../base64url.js';
import { prepareList } from './health-list.js';

const REFRESH_MS = 5 * 60 * 1000;
const PROVINCE_KEY = 'movepass.checkpoint.province';
const state = { keys: new Map(), revoked: new Set(), keysAt: null, revokedAt: null, health: null, healthAt: null };
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

/** The province of the officer's checkpoint: asked once online (its ward's province), kept on the phone. */
async function checkpointProvince(token, checkpointId) {
  try {
    const kept = JSON.parse(localStorage.getItem(PROVINCE_KEY) || 'null');
    if (kept && kept.id === checkpointId) return kept.province;
  } catch (e) {
    // nothing kept
  }
  const response = await fetch(`/v1/checkpoints/${encodeURIComponent(checkpointId)}`,
    { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  if (!response.ok) throw new Error(`checkpoint: ${response.status}`);
  const cp = await response.json();
  await loadUnits();
  const parents = parentsOf(cp.wardCode);
  if (!parents) throw new Error('checkpoint: unknown ward');
  localStorage.setItem(PROVINCE_KEY, JSON.stringify({ id: checkpointId, province: parents.province }));
  return parents.province;
}

async function loadHealthList() {
  const token = currentToken();
  const claims = officer();
  if (!token || !claims || !claims.checkpoint_id) return;
  const province = await checkpointProvince(token, claims.checkpoint_id);
  const response = await fetch(`/v1/provinces/${province}/health-list`,
    { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  if (!response.ok) throw new Error(`health list: ${response.status}`);
  state.health = await prepareList(await response.json());
  state.healthAt = fetchedAt(response);
}

/** Loads (or refreshes) the keys, the revocation list, the health list and the units; tells the page ('offlinedata'). */
export async function refreshOfflineData() {
  await Promise.allSettled([loadKeys(), loadRevocations(), loadHealthList(), loadUnits()]);
  document.dispatchEvent(new CustomEvent('offlinedata'));
}

/** The keys by kid (raw 32-byte Ed25519 public keys), the revoked entries, the health list, and when each was fetched. */
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
