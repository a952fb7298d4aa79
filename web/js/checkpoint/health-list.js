// The offline health list of the checkpoint's province (GET /v1/provinces/{code}/health-list, docs/offline-health.md):
// two Golomb-Rice coded sets, RED and AMBER, of HMAC-SHA256(key, pass id) of the live passes of the province's
// residents who are isolating, quarantined (RED) or monitored (AMBER), with the day's key. Decoded once into sorted
// arrays; a scanned pass's id is HMACed here (WebCrypto) and looked up. No name or id is in the list: a match says a
// colour, and only for a token one holds. The server's encoder is shared/offline/GolombRiceSet.java.
import { fromBase64url } from '../base64url.js';

/** The n sorted values coded in the bytes (gaps: the quotient in unary as ones and a zero, then p bits). */
export function decodeSet(bytes, n, p) {
  const values = new Float64Array(n);
  const scale = 2 ** p;
  let bit = 0;
  let previous = 0;
  const read = () => {
    const index = bit >>> 3;
    if (index >= bytes.length) throw new Error('the coded set ends early');
    const b = (bytes[index] >>> (7 - (bit & 7))) & 1;
    bit += 1;
    return b;
  };
  for (let i = 0; i < n; i += 1) {
    let q = 0;
    while (read() === 1) q += 1;
    let r = 0;
    for (let b = 0; b < p; b += 1) r = r * 2 + read();
    previous += q * scale + r;
    values[i] = previous;
  }
  return values;
}

function has(values, target) {
  let lo = 0;
  let hi = values.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] === target) return true;
    if (values[mid] < target) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The list as served, made ready for look-ups: {keyId, builtAt, p, key (CryptoKey), red, amber: {n, values}}. */
export async function prepareList(json) {
  const key = await crypto.subtle.importKey('raw', fromBase64url(json.key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const set = (s) => ({ n: s.n, values: decodeSet(fromBase64url(s.data), s.n, json.p) });
  return { keyId: json.keyId, builtAt: json.builtAt, p: json.p, key, red: set(json.red), amber: set(json.amber) };
}

/** The value of a pass id in a set of n entries: the HMAC's first 8 bytes, big-endian, mod n * 2^p. */
async function valueOf(list, passId, n) {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', list.key, passId));
  let h = 0n;
  for (let i = 0; i < 8; i += 1) h = (h << 8n) | BigInt(mac[i]);
  return Number(h % (BigInt(n) * (1n << BigInt(list.p))));
}

/** 'RED', 'AMBER' or null: the set a pass id (16 bytes) is in. */
export async function colourOf(list, passId) {
  if (list.red.n > 0 && has(list.red.values, await valueOf(list, passId, list.red.n))) return 'RED';
  if (list.amber.n > 0 && has(list.amber.values, await valueOf(list, passId, list.amber.n))) return 'AMBER';
  return null;
}
