// A pass checked with no network, answered in the shape of the API's scan so that the verdict shows it: the token's
// signature against the cached JWKS, its expiry against the phone's clock, its id against the cached revocation list,
// and the holder's colour against the cached health list (RED: turn back; AMBER: check further; not in it: unknown).
// Only a pass's QR (its token) can be checked so: a short code or an ID card needs the server.
import { decodeToken, isPassToken, revocationEntry, verifyEd25519 } from './pass-token.js';
import { dataAsOf, offlineData } from './offline-data.js';
import { colourOf } from './health-list.js';

function answer(verdict, claims, token) {
  const asOf = dataAsOf();
  const a = { verdict, offline: true, dataAsOf: asOf && asOf.toISOString(), alerts: [], token };
  if (claims) {
    a.holder = { fullName: claims.fullName, dateOfBirth: claims.dateOfBirth, citizenIdMasked: claims.citizenIdMasked };
    a.pass = { validUntil: claims.validUntil.toISOString() };
  }
  return a;
}

/**
 * The offline verdict of a scanned text; null when it is not a pass token (it needs the network), or
 * {noData: true} when the keys were never fetched (the page has not been online since it was installed).
 */
export async function checkOffline(code) {
  if (!isPassToken(code)) return null;
  const data = offlineData();
  if (data.keys.size === 0) return { noData: true };
  const claims = decodeToken(code);
  const key = claims && data.keys.get(claims.kid);
  if (!claims || !key || !(await verifyEd25519(key, claims.signature, claims.payload))) return answer('INVALID', null, null);
  if (Date.now() >= claims.validUntil.getTime()) return answer('EXPIRED', claims, code);
  if (data.revoked.has(await revocationEntry(claims.passId))) return answer('REVOKED', claims, code);
  const valid = answer('VALID', claims, code);
  if (data.health) valid.healthAsOf = data.healthAt.toISOString();
  const colour = data.health ? await colourOf(data.health, claims.passId) : null;
  if (colour) {
    valid.health = { colour, offlineAt: data.healthAt.toISOString() };
    valid.advice = colour === 'RED' ? 'TURN_BACK' : 'CHECK';
  }
  return valid;
}
