// The declaration form of POST /v1/declarations (citizens) and of paper declarations (officers).
// Controls are named by their API field paths; the checks below are the server's (DeclarationParser).
import { applyI18n, t, has } from './i18n.js';
import { cascade } from './units.js';
import { call } from './api.js';

const PURPOSES = ['WORK', 'MEDICAL', 'ESSENTIAL_GOODS', 'OFFICIAL_DUTY', 'RETURN_HOME', 'FUNERAL', 'OTHER'];
const VEHICLES = ['WALK', 'BICYCLE', 'MOTORBIKE', 'CAR', 'TRUCK', 'BUS', 'TRAIN', 'PLANE', 'BOAT', 'OTHER'];
const PLATE_REQUIRED = new Set(['MOTORBIKE', 'CAR', 'TRUCK', 'BUS']);
const SYMPTOMS = ['FEVER', 'COUGH', 'SHORTNESS_OF_BREATH', 'SORE_THROAT', 'FATIGUE', 'PNEUMONIA', 'LOSS_OF_TASTE_OR_SMELL'];
const CONTACTS = ['contactWithCase', 'contactWithTraveller', 'contactWithSymptomatic'];

const CITIZEN_ID = /^[0-9]{12}$/;
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u;
const PHONE = /^(0|\+84)[1-9][0-9]{8,9}$/;
const EMAIL = /^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{2,63}$/;
const PLATE_KEY = /^[0-9]{2}[A-Z]{1,2}[0-9A-Z]?[0-9]{4,5}$/;
const MAX_DAYS_AHEAD = 3;

/** Today in Asia/Ho_Chi_Minh as YYYY-MM-DD (the server's notion of "today"). */
export function vietnamToday(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function addDays(ymd, days) {
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

// ---------------------------------------------------------------- building the DOM
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'i18n') el.dataset.i18n = v;
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) el.append(c);
  return el;
}

const text = (key) => h('span', { i18n: key }, t(key));

export function mountDeclarationForm(container, { idPrefix, endpoint, token, onResult }) {
  const id = (name) => `${idPrefix}-${name.replace(/\./g, '-')}`;
  const cascades = [];

  const hintAndError = (name, hintKey) => {
    const hint = hintKey ? h('span', { class: 'hint', id: `${id(name)}-hint`, i18n: hintKey }, t(hintKey)) : null;
    const error = h('p', { class: 'field-error', id: `${id(name)}-error` });
    return { hint, error, describedBy: [hint ? hint.id : null, error.id].filter(Boolean).join(' ') };
  };

  const label = (name, key, optional) => h('label', { for: id(name) }, text(key),
    optional ? ' ' : null, optional ? h('span', { class: 'optional', i18n: 'optional' }, t('optional')) : null);

  function input(name, key, { type = 'text', hint, optional, ...attrs } = {}) {
    const he = hintAndError(name, hint);
    const control = h('input', { type, id: id(name), name, 'aria-describedby': he.describedBy, ...attrs });
    if (!optional) control.setAttribute('aria-required', 'true');
    return h('div', { class: 'field', 'data-field': name }, label(name, key, optional), he.hint, he.error, control);
  }

  function select(name, key, options, { hint, optional, ...attrs } = {}) {
    const he = hintAndError(name, hint);
    const control = h('select', { id: id(name), name, 'aria-describedby': he.describedBy, ...attrs });
    for (const o of options) {
      control.append(o.key ? h('option', { value: o.value, i18n: o.key }, t(o.key)) : h('option', { value: o.value }, o.text));
    }
    if (!optional) control.setAttribute('aria-required', 'true');
    return h('div', { class: 'field', 'data-field': name }, label(name, key, optional), he.hint, he.error, control);
  }

  function textarea(name, key, { hint, optional, ...attrs } = {}) {
    const he = hintAndError(name, hint);
    const control = h('textarea', { id: id(name), name, 'aria-describedby': he.describedBy, ...attrs });
    return h('div', { class: 'field', 'data-field': name }, label(name, key, optional), he.hint, he.error, control);
  }

  function checkbox(name, key, value) {
    const cid = value ? `${id(name)}-${value}` : id(name);
    return h('div', { class: 'choice' }, h('input', { type: 'checkbox', id: cid, name, value: value || 'true' }),
      h('label', { for: cid, i18n: key }, t(key)));
  }

  function radios(name, legendKey, values, keyPrefix) {
    const he = hintAndError(name, null);
    const group = h('div', { class: 'inline-choices' });
    for (const v of values) {
      const rid = `${id(name)}-${v}`;
      group.append(h('div', { class: 'choice' }, h('input', { type: 'radio', id: rid, name, value: v, 'aria-describedby': he.error.id }),
        h('label', { for: rid, i18n: keyPrefix + v }, t(keyPrefix + v))));
    }
    return h('fieldset', { class: 'field', 'data-field': name, id: `${id(name)}-group` },
      h('legend', { class: 'label', i18n: legendKey }, t(legendKey)), he.error, group);
  }

  function place(prefix, legendKey) {
    const sel = (what, key) => {
      const sid = `${id(prefix)}-${what}`;
      const s = h('select', { id: sid });
      return { s, field: h('div', { class: 'field' }, h('label', { for: sid, i18n: key }, t(key)), s) };
    };
    const p = sel('province', 'f.province');
    const d = sel('district', 'f.district');
    const wardName = `${prefix}.wardCode`;
    const wardHe = hintAndError(wardName, null);
    const ward = h('select', { id: id(wardName), name: wardName, 'aria-describedby': wardHe.describedBy, 'aria-required': 'true' });
    const wardField = h('div', { class: 'field', 'data-field': wardName },
      h('label', { for: id(wardName), i18n: 'f.ward' }, t('f.ward')), wardHe.error, ward);
    cascades.push(cascade(p.s, d.s, ward));
    const fs = h('fieldset', { class: 'box', id: `${id(prefix)}-place` }, h('legend', { i18n: legendKey }, t(legendKey)),
      h('div', { class: 'row' }, p.field, d.field, wardField),
      input(`${prefix}.address`, 'f.address',
        { optional: true, maxlength: 200, autocomplete: prefix === 'residence' ? 'street-address' : 'off' }));
    return fs;
  }

  const today = vietnamToday();
  const summary = h('div', { class: 'notice error', role: 'alert', tabindex: '-1', hidden: true });
  const submit = h('button', { type: 'submit', class: 'button' }, text('submit'));

  const identity = h('fieldset', { class: 'box' }, h('legend', { i18n: 'section.identity' }, t('section.identity')),
    input('citizenId', 'f.citizenId',
      { hint: 'h.citizenId', inputmode: 'numeric', maxlength: 12, autocomplete: 'off', spellcheck: 'false' }),
    input('fullName', 'f.fullName', { hint: 'h.fullName', maxlength: 100, autocomplete: 'name' }),
    h('div', { class: 'row two' },
      input('dateOfBirth', 'f.dateOfBirth', { type: 'date', min: '1900-01-01', max: today, autocomplete: 'bday' }),
      radios('gender', 'f.gender', ['MALE', 'FEMALE'], 'gender.')),
    h('div', { class: 'row two' },
      input('phone', 'f.phone', { type: 'tel', hint: 'h.phone', maxlength: 13, autocomplete: 'tel', inputmode: 'tel' }),
      input('email', 'f.email', { type: 'email', optional: true, maxlength: 254, autocomplete: 'email' })));

  const residence = place('residence', 'section.residence');
  const same = checkbox('sameAsResidence', 'f.sameAsResidence');
  same.querySelector('input').checked = true;
  same.querySelector('input').removeAttribute('name'); // not an API field
  const origin = place('origin', 'section.origin');
  origin.hidden = true;
  const destination = place('destination', 'section.destination');

  const trip = h('fieldset', { class: 'box' }, h('legend', { i18n: 'section.trip' }, t('section.trip')),
    h('div', { class: 'row two' },
      input('departureDate', 'f.departureDate',
        { type: 'date', hint: 'h.departureDate', min: today, max: addDays(today, MAX_DAYS_AHEAD), value: today }),
      select('purpose', 'f.purpose', [{ value: '', key: 'choose' }, ...PURPOSES.map((p) => ({ value: p, key: `purpose.${p}` }))])));

  const plateField = input('vehicle.plate', 'f.plate', { hint: 'h.plate', maxlength: 16, autocomplete: 'off', spellcheck: 'false' });
  plateField.hidden = true;
  const vehicle = h('fieldset', { class: 'box' }, h('legend', { i18n: 'section.vehicle' }, t('section.vehicle')),
    h('div', { class: 'row two' },
      select('vehicle.type', 'f.vehicleType', [{ value: '', key: 'choose' }, ...VEHICLES.map((v) => ({ value: v, key: `vehicle.${v}` }))]),
      plateField));

  const symptoms = h('fieldset', { class: 'field', 'data-field': 'health.symptoms' },
    h('legend', { class: 'label', i18n: 'f.symptoms' }, t('f.symptoms')),
    ...SYMPTOMS.map((s) => checkbox('health.symptoms', `symptom.${s}`, s)));
  const contacts = h('fieldset', { class: 'field' }, h('legend', { class: 'label', i18n: 'f.contacts' }, t('f.contacts')),
    ...CONTACTS.map((c) => checkbox(`health.${c}`, `f.${c}`)));
  const health = h('fieldset', { class: 'box' }, h('legend', { i18n: 'section.health' }, t('section.health')),
    symptoms, contacts, textarea('health.visitedPlaces', 'f.visitedPlaces', { optional: true, maxlength: 500, rows: 2 }));

  const testDetails = h('div', { hidden: true },
    radios('test.result', 'f.testResult', ['NEGATIVE', 'POSITIVE'], 'result.'),
    input('test.sampledAt', 'f.sampledAt', { type: 'datetime-local' }));
  const test = h('fieldset', { class: 'box' }, h('legend', { i18n: 'section.test' }, t('section.test')),
    select('test.method', 'f.testMethod', [{ value: '', key: 'test.NONE' }, { value: 'RT_PCR', key: 'test.RT_PCR' },
      { value: 'RAPID_ANTIGEN', key: 'test.RAPID_ANTIGEN' }], { optional: true }), testDetails);

  const consentHe = hintAndError('consent', null);
  const consent = h('fieldset', { class: 'box field', 'data-field': 'consent' },
    h('legend', { i18n: 'section.consent' }, t('section.consent')), consentHe.error,
    h('div', { class: 'choice' },
      h('input', {
        type: 'checkbox', id: id('consent'), name: 'consent', value: 'true',
        'aria-describedby': consentHe.error.id, 'aria-required': 'true',
      }),
      h('label', { for: id('consent'), i18n: 'f.consent' }, t('f.consent'))));

  const form = h('form', { novalidate: true, id: `${idPrefix}-form` },
    summary,
    h('p', { class: 'hint', i18n: 'citizen.required' }, t('citizen.required')),
    identity, residence, h('div', { class: 'field' }, same), origin, destination, trip, vehicle, health, test, consent,
    h('div', { class: 'buttons' }, submit));
  container.append(form);

  const el = (name) => form.elements.namedItem(name);
  const val = (name) => {
    const e = el(name);
    return e && typeof e.value === 'string' ? e.value.trim() : '';
  };
  const sameInput = same.querySelector('input');
  sameInput.addEventListener('change', () => { origin.hidden = sameInput.checked; });
  el('vehicle.type').addEventListener('change', () => {
    const needs = PLATE_REQUIRED.has(val('vehicle.type'));
    plateField.hidden = !needs;
    el('vehicle.plate').setAttribute('aria-required', String(needs));
  });
  el('test.method').addEventListener('change', () => { testDetails.hidden = !val('test.method'); });

  // ---------------------------------------------------------------- values and checks
  function body() {
    const placeOf = (prefix) => ({ wardCode: val(`${prefix}.wardCode`) || null, address: val(`${prefix}.address`) || null });
    const residencePlace = placeOf('residence');
    const b = {
      citizenId: val('citizenId'),
      fullName: val('fullName'),
      dateOfBirth: val('dateOfBirth') || null,
      gender: form.querySelector('input[name="gender"]:checked')?.value || null,
      phone: val('phone'),
      email: val('email') || null,
      residence: residencePlace,
      origin: sameInput.checked ? { ...residencePlace } : placeOf('origin'),
      destination: placeOf('destination'),
      departureDate: val('departureDate') || null,
      purpose: val('purpose') || null,
      vehicle: { type: val('vehicle.type') || null, plate: PLATE_REQUIRED.has(val('vehicle.type')) ? val('vehicle.plate') || null : null },
      health: {
        symptoms: [...form.querySelectorAll('input[name="health.symptoms"]:checked')].map((c) => c.value),
        contactWithCase: el('health.contactWithCase').checked,
        contactWithTraveller: el('health.contactWithTraveller').checked,
        contactWithSymptomatic: el('health.contactWithSymptomatic').checked,
        visitedPlaces: val('health.visitedPlaces'),
      },
      consent: el('consent').checked,
    };
    if (val('test.method')) {
      const at = val('test.sampledAt');
      b.test = {
        method: val('test.method'),
        result: form.querySelector('input[name="test.result"]:checked')?.value || null,
        sampledAt: at ? new Date(at).toISOString() : null,
      };
    }
    return b;
  }

  function validate(b) {
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
      const fieldPrefix = prefix === 'origin' && sameInput.checked ? 'residence' : prefix;
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
  function fromServer(e) {
    const leaf = e.field.split('.').pop();
    const known = {
      REQUIRED: 'e.REQUIRED', UNKNOWN_WARD: 'e.UNKNOWN_WARD', CONSENT_REQUIRED: 'e.consent',
    };
    if (known[e.code]) return { field: e.field, key: known[e.code] };
    if (e.code === 'TOO_LONG') return { field: e.field, key: 'e.TOO_LONG', vars: { max: (e.message.match(/\d+/) || ['?'])[0] } };
    if ((e.code === 'FORMAT' || e.code === 'OUT_OF_RANGE') && has(`e.${leaf}`)) return { field: e.field, key: `e.${leaf}` };
    return { field: e.field, text: e.message };
  }

  let shown = [];
  let shownMessage = null;

  function clearErrors() {
    form.querySelectorAll('.field.invalid').forEach((f) => f.classList.remove('invalid'));
    form.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach((c) => c.removeAttribute('aria-invalid'));
    summary.hidden = true;
    summary.replaceChildren();
    shown = [];
    shownMessage = null;
  }

  function wrapperOf(field) {
    let name = field;
    if (name.startsWith('origin.') && sameInput.checked) name = name.replace('origin.', 'residence.');
    return form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  }

  function showErrors(errors, message) {
    clearErrors();
    shown = errors;
    shownMessage = message || null;
    const items = [];
    for (const e of errors) {
      const words = e.key ? t(e.key, e.vars) : e.text;
      const wrapper = wrapperOf(e.field);
      if (wrapper) {
        wrapper.classList.add('invalid');
        const p = wrapper.querySelector('.field-error');
        if (p && !p.textContent) p.textContent = words;
        const control = wrapper.querySelector('input, select, textarea');
        wrapper.querySelectorAll('input, select, textarea').forEach((c) => c.setAttribute('aria-invalid', 'true'));
        const labelText = (wrapper.querySelector('legend, label') || {}).textContent || e.field;
        items.push(h('li', {}, h('a', { href: `#${control ? control.id : ''}` }, `${labelText.replace(/\s*\(.*\)$/, '')}: ${words}`)));
      } else {
        items.push(h('li', {}, `${e.field}: ${words}`));
      }
    }
    if (message) summary.append(h('p', {}, message));
    if (items.length) summary.prepend(h('h2', {}, t('e.summary', { n: items.length })), h('ul', {}, ...items));
    summary.hidden = false;
    summary.focus();
  }

  summary.addEventListener('click', (ev) => {
    const a = ev.target.closest('a[href^="#"]');
    if (!a) return;
    ev.preventDefault();
    const target = document.getElementById(a.getAttribute('href').slice(1));
    if (target) target.focus();
  });

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const b = body();
    const errors = validate(b);
    if (errors.length) {
      showErrors(errors);
      return;
    }
    clearErrors();
    busy = true;
    submit.disabled = true;
    submit.firstChild.dataset.i18n = 'submitting';
    submit.firstChild.textContent = t('submitting');
    try {
      const path = typeof endpoint === 'function' ? endpoint() : endpoint;
      const answer = await call('POST', path, b, typeof token === 'function' ? token() : token);
      await onResult(answer.json, b);
    } catch (e) {
      if (e.status === 400 && e.problem && Array.isArray(e.problem.errors) && e.problem.errors.length) {
        showErrors(e.problem.errors.map(fromServer));
      } else if (e.status === 0) {
        showErrors([], t('e.network'));
      } else if (e.status === 429 || e.status === 503) {
        showErrors([], t('e.busy', { s: e.retryAfter || 5 }));
      } else if (e.status === 401) {
        showErrors([], t('e.unauthorized'));
      } else if (e.status === 403) {
        showErrors([], t('e.forbidden'));
      } else if (e.status) {
        showErrors([], t('e.server', { status: e.status }));
      } else {
        throw e;
      }
    } finally {
      busy = false;
      submit.disabled = false;
      submit.firstChild.dataset.i18n = 'submit';
      submit.firstChild.textContent = t('submit');
    }
  });

  document.addEventListener('langchange', () => {
    applyI18n(form);
    cascades.forEach((c) => c.relabel());
    if (!summary.hidden) {
      const focus = document.activeElement;
      const errors = shown;
      const message = shownMessage;
      showErrors(errors, message && (message === t('e.network') ? message : message));
      if (focus && focus !== summary) focus.focus();
    }
  });

  return {
    form,
    ready: Promise.all(cascades.map((c) => c.ready)),
    /** Marks fields (e.g. after a rejection) without a summary: the caller explains why. */
    mark(fields) {
      clearErrors();
      for (const f of fields) {
        const w = wrapperOf(f);
        if (w) {
          w.classList.add('invalid');
          w.querySelectorAll('input, select, textarea').forEach((c) => c.setAttribute('aria-invalid', 'true'));
        }
      }
    },
    focusField(field) {
      const w = wrapperOf(field);
      const c = w && w.querySelector('input, select, textarea');
      if (c) c.focus();
    },
    reset() {
      form.reset();
      sameInput.checked = true;
      origin.hidden = true;
      plateField.hidden = true;
      testDetails.hidden = true;
      el('departureDate').value = vietnamToday();
      clearErrors();
    },
  };
}
