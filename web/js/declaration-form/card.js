// The QR code of a chip-based citizen identity card (CCCD), as the server's ChipCardQr reads it:
//   id|oldId|name|ddMMyyyy (birth)|gender|address|ddMMyyyy (issue date)
// and its address matched against the administrative units (the ward, district and province in its
// comma-separated tail, accent- and case-insensitively, with or without "Phường", "Quận", "Tỉnh"...).

const CITIZEN_ID = /^[0-9]{12}$/;

/** Lower case, no accents (đ → d), no punctuation, single spaces: "Thành phố Hồ Chí Minh" → "thanh pho ho chi minh". */
export function fold(s) {
  return String(s || '').normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ').trim();
}

// Unit prefixes, longest first, with their abbreviations ("TP.", "Q.", "P.", "TX", "TT").
const PREFIXES = ['thanh pho ', 'thi tran ', 'thi xa ', 'phuong ', 'quan ', 'huyen ', 'tinh ', 'xa ', 'tp ', 'tx ', 'tt ',
  'q ', 'p ', 'h ', 'x '];

/** A unit's name without its kind: "Phường Bến Nghé" → "ben nghe", "Q.1" → "1", "Quận 01" → "1", "TP HCM" → "ho chi minh". */
export function unitKey(name) {
  let k = fold(name);
  const glued = k.match(/^(q|p|tp|tx|tt)([0-9]+)$/);
  if (glued) k = glued[2];
  for (const p of PREFIXES) {
    if (k.startsWith(p) && k.length > p.length) {
      k = k.slice(p.length);
      break;
    }
  }
  if (/^[0-9]+$/.test(k)) k = String(Number(k));
  if (k === 'hcm') k = 'ho chi minh';
  return k;
}

function ymd(ddMMyyyy) {
  const m = /^([0-9]{2})([0-9]{2})([0-9]{4})$/.exec(ddMMyyyy.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

function gender(word) {
  const k = fold(word);
  if (k === 'nam' || k === 'male' || k === 'm') return 'MALE';
  if (k === 'nu' || k === 'female' || k === 'f') return 'FEMALE';
  return null;
}

/**
 * The card's fields ({citizenId, fullName, dateOfBirth (YYYY-MM-DD), gender, address}) or null when the text is
 * not a card's QR (too few fields, no 12-digit id, no name or no valid birth date). Scanner noise is tolerated.
 */
export function parseCard(raw) {
  if (typeof raw !== 'string' || !raw.includes('|')) return null;
  const fields = raw.replace(/[\u0000\uFEFF]/g, '').trim().split('|');
  if (fields.length < 6) return null;
  const text = (s) => s.normalize('NFC').replace(/[\s\p{Z}]+/gu, ' ').trim();
  const card = {
    citizenId: fields[0].trim(),
    fullName: text(fields[2]),
    dateOfBirth: ymd(fields[3]),
    gender: gender(fields[4]),
    address: text(fields[5]),
  };
  return CITIZEN_ID.test(card.citizenId) && card.fullName && card.dateOfBirth ? card : null;
}

function findIn(units, segment) {
  const k = unitKey(segment);
  return k ? units.find((u) => unitKey(u.name) === k) || null : null;
}

/**
 * Where an address is, in the units tree (/data/units.json): {wardCode, street} with street the part before
 * the ward ("12 Lê Lợi"), or null when its tail names no known province and ward.
 * Reads from the end: the province (a trailing "Việt Nam" is skipped), the district before it, the ward before
 * that; with no district named, a ward name found only once in the province.
 */
export function matchAddress(address, tree) {
  const parts = String(address || '').split(',').map((s) => s.trim()).filter(Boolean);
  let end = parts.length - 1;
  if (end >= 0 && fold(parts[end]) === 'viet nam') end -= 1;
  if (end < 1) return null;
  const province = findIn(tree, parts[end]);
  if (!province) return null;
  const result = (ward, at) => ({ wardCode: ward.code, street: parts.slice(0, at).join(', ') });
  const district = end >= 2 ? findIn(province.districts, parts[end - 1]) : null;
  if (district) {
    const ward = findIn(district.wards, parts[end - 2]);
    return ward ? result(ward, end - 2) : null;
  }
  const k = unitKey(parts[end - 1]);
  const wards = province.districts.flatMap((d) => d.wards).filter((w) => unitKey(w.name) === k);
  return wards.length === 1 ? result(wards[0], end - 1) : null;
}
