// A MovePass pass token read and verified in the browser, as docs/qr-format.md says and the server's PassTokenCodec
// does: "MP1:" + Base45(payload ‖ Ed25519 signature), the signature checked with the JWKS key of the payload's kid
// (WebCrypto's Ed25519 where the browser has it, else the bundled @noble/ed25519). Nothing here touches the network.
import { toBase64url } from '../base64url.js';

const PREFIX = 'MP1:';
const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const MAX_TOKEN = 310;
const FIXED = 44;
const SIGNATURE = 64;
const KID_CHARS = /^[A-Za-z0-9_-]{8}$/;

/** Whether a scanned text is a pass token (and so can be checked offline). */
export function isPassToken(text) {
  return typeof text === 'string' && text.startsWith(PREFIX);
}

/** RFC 9285, strictly (the server's Base45): null for anything that is not canonical Base45. */
function base45(text) {
  if (text.length % 3 === 1) return null;
  const out = [];
  for (let i = 0; i < text.length; i += 3) {
    const group = text.slice(i, i + 3);
    let value = 0;
    for (let j = group.length - 1; j >= 0; j -= 1) {
      const digit = BASE45.indexOf(group[j]);
      if (digit < 0) return null;
      value = value * 45 + digit;
    }
    if (group.length === 3) {
      if (value > 0xffff) return null;
      out.push(value >> 8, value & 0xff);
    } else {
      if (value > 0xff) return null;
      out.push(value);
    }
  }
  return Uint8Array.from(out);
}

function ymd(n) {
  const y = Math.floor(n / 10000);
  const m = Math.floor(n / 100) % 100;
  const d = n % 100;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The token's parts, or null when it is not a well-formed token: {kid, passId (16 bytes), validFrom, validUntil
 * (Date), dateOfBirth (YYYY-MM-DD), citizenIdMasked, fullName, payload, signature}. The signature is not checked.
 */
export function decodeToken(token) {
  if (!isPassToken(token) || token.length > MAX_TOKEN) return null;
  const body = base45(token.slice(PREFIX.length));
  if (!body || body.length < FIXED + 1 + SIGNATURE || body[0] !== 1) return null;
  const view = new DataView(body.buffer);
  const kid = String.fromCharCode(...body.slice(1, 9));
  const nameLength = body[43];
  if (!KID_CHARS.test(kid) || nameLength < 1 || nameLength > 96 || body.length !== FIXED + nameLength + SIGNATURE) return null;
  const from = view.getUint32(25);
  const until = view.getUint32(29);
  const dateOfBirth = ymd(view.getUint32(33));
  const digits = String.fromCharCode(...body.slice(37, 43));
  if (until <= from || !dateOfBirth || !/^\d{6}$/.test(digits)) return null;
  let fullName;
  try {
    fullName = new TextDecoder('utf-8', { fatal: true }).decode(body.slice(44, 44 + nameLength));
  } catch (e) {
    return null;
  }
  if (!fullName.trim() || fullName.normalize('NFC') !== fullName) return null;
  return {
    kid,
    passId: body.slice(9, 25),
    validFrom: new Date(from * 1000),
    validUntil: new Date(until * 1000),
    dateOfBirth,
    citizenIdMasked: `${digits.slice(0, 3)}******${digits.slice(3)}`,
    fullName,
    payload: body.slice(0, FIXED + nameLength),
    signature: body.slice(FIXED + nameLength),
  };
}

let webCryptoEd25519 = null; // unknown until first tried

async function verifyWithWebCrypto(publicKey, signature, payload) {
  const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, signature, payload);
}

/** Ed25519 (RFC 8032, strict as Java's): WebCrypto when the browser has it, else the bundled @noble/ed25519. */
export async function verifyEd25519(publicKey, signature, payload) {
  if (webCryptoEd25519 !== false) {
    try {
      const ok = await verifyWithWebCrypto(publicKey, signature, payload);
      webCryptoEd25519 = true;
      return ok;
    } catch (e) {
      if (webCryptoEd25519 === true) return false; // the browser has it: this key or signature is unusable
      webCryptoEd25519 = false;
    }
  }
  const noble = await import('/vendor/noble-ed25519/index.js');
  try {
    return await noble.verifyAsync(signature, payload, publicKey, { zip215: false });
  } catch (e) {
    return false;
  }
}

/** Which implementation checked the last signature: 'webcrypto', 'noble' or null before the first. */
export function ed25519Implementation() {
  if (webCryptoEd25519 === null) return null;
  return webCryptoEd25519 ? 'webcrypto' : 'noble';
}

/** The revocation list's entry of a pass id: base64url of the first 8 bytes of its SHA-256 (server: RevocationList). */
export async function revocationEntry(passId) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', passId));
  return toBase64url(digest.slice(0, 8));
}
