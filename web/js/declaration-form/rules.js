// What the server checks of a declaration (DeclarationParser), checked again in the browser before sending,
// and the server's 400 errors put in the form's words.
import { has } from '../i18n.js';

export const PURPOSES = ['WORK', 'MEDICAL', 'ESSENTIAL_GOODS', 'OFFICIAL_DUTY', 'RETURN_HOME', 'FUNERAL', 'OTHER'];
export const VEHICLES = ['WALK', 'BICYCLE', 'MOTORBIKE', 'CAR', 'TRUCK', 'BUS', 'TRAIN', 'PLANE', 'BOAT', 'OTHER'];
export const PLATE_REQUIRED = new Set(['MOTORBIKE', 'CAR', 'TRUCK', 'BUS']);
export const SYMPTOMS = ['FEVER', 'COUGH', 'SHORTNESS_OF_BREATH', 'SORE_THROAT', 'FATIGUE', 'PNEUMONIA', 'LOSS_OF_TASTE_OR_SMELL'];
export const CONTACTS = ['contactWithCase', 'contactWithTraveller', 'contactWithSymptomatic'];
export const MAX_DAYS_AHEAD = 3;

const CITIZEN_ID = /^[0-9]{12}$/;
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u;
const PHONE = /^(0|\+84)[1-9][0-9]{8,9}$/;
const EMAIL = /^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{2,63}$/;
const PLATE_KEY = /^[0-9]{2}[A-Z]{1,2}[0-9A-Z]?[0-9]{4,5}$/;

/** Today in Asia/Ho_Chi_Minh as YYYY-MM-DD (the server's notion of "today"). */
export function vietnamToday(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(now);
}

export function addDays(ymd, days) {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function plateWellFormed(plate) {
  if (plate.length > 16 || !/^[A-Za-z0-9 .-]+$/.test(plate)) return false;
  return PLATE_KEY.test(plate.toUpperCase().replace(/[^0-9A-Z]/g, ''));
}

function codePoints(s) {
  return [...s].length;
}

/**
 * The problems of a declaration body, each {field, key, vars}: field is the API's field path, key the i18n key
 * of the message. With originIsResidence the origin is the residence's copy: its problems are the residence's.
 */
export function validate(b, originIsResidence) {
  const errors = [];
  const err = (field, key, vars) => errors.push({ field, key, vars });
  const todayNow = vietnamToday();
  if (!b.citizenId) err('citizenId', 'e.REQUIRED'); else if (!CITIZEN_ID.test(b.citizenId)) err('citizenId', 'e.citizenId');
  if (!b.fullName) err('fullName', 'e.REQUIRED');
  else if (codePoints(b.fullName) > 100) err('fullName', 'e.TOO_LONG', { max: 100 });
  else if (!NAME.test(b.fullName)) err('fullName', 'e.fullName');
  if (!b.dateOfBirth) err('dateOfBirth', 'e.REQUIRED');
  else if (b.dateOfBirth < '1900-01-01' || b.dateOfBirth > todayNow) err('dateOfBirth', 'e.dateOfBirth');
  if (!b.gender) err('gender', 'e.REQUIRED.choose');
  if (!b.phone) err('phone', 'e.REQUIRED'); else if (!PHONE.test(b.phone)) err('phone', 'e.phone');
  if (b.email && (codePoints(b.email) > 254 || !EMAIL.test(b.email))) err('email', 'e.email');
  for (const prefix of ['residence', 'origin', 'destination']) {
    const fieldPrefix = prefix === 'origin' && originIsResidence ? 'residence' : prefix;
    if (!b[prefix].wardCode) {
      if (fieldPrefix === prefix) err(`${prefix}.wardCode`, 'e.REQUIRED.choose');
    }
    if (b[prefix].address && codePoints(b[prefix].address) > 200 && fieldPrefix === prefix) {
      err(`${prefix}.address`, 'e.TOO_LONG', { max: 200 });
    }
  }
  if (!b.departureDate) err('departureDate', 'e.REQUIRED');
  else if (b.departureDate < todayNow || b.departureDate > addDays(todayNow, MAX_DAYS_AHEAD)) err('departureDate', 'e.departureDate');
  if (!b.purpose) err('purpose', 'e.REQUIRED.choose');
  if (!b.vehicle.type) err('vehicle.type', 'e.REQUIRED.choose');
  else if (PLATE_REQUIRED.has(b.vehicle.type)) {
    if (!b.vehicle.plate) err('vehicle.plate', 'e.plateRequired');
    else if (!plateWellFormed(b.vehicle.plate)) err('vehicle.plate', 'e.plate');
  }
  if (codePoints(b.health.visitedPlaces) > 500) err('health.visitedPlaces', 'e.TOO_LONG', { max: 500 });
  if (b.test) {
    if (!b.test.result) err('test.result', 'e.REQUIRED.choose');
    if (!b.test.sampledAt) err('test.sampledAt', 'e.REQUIRED');
    else if (new Date(b.test.sampledAt) > new Date()) err('test.sampledAt', 'e.sampledAt');
  }
  if (!b.consent) err('consent', 'e.consent');
  return errors;
}

/** A server error ({field, code, message}) in the words of the form, in the current language. */
export function fromServer(e) {
  const leaf = e.field.split('.').pop();
  const known = {
    REQUIRED: 'e.REQUIRED', UNKNOWN_WARD: 'e.UNKNOWN_WARD', CONSENT_REQUIRED: 'e.consent',
  };
  if (known[e.code]) return { field: e.field, key: known[e.code] };
  if (e.code === 'TOO_LONG') return { field: e.field, key: 'e.TOO_LONG', vars: { max: (e.message.match(/\d+/) || ['?'])[0] } };
  if ((e.code === 'FORMAT' || e.code === 'OUT_OF_RANGE') && has(`e.${leaf}`)) return { field: e.field, key: `e.${leaf}` };
  return { field: e.field, text: e.message };
}
