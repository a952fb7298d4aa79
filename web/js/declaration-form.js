// The declaration form of POST /v1/declarations (citizens) and of paper declarations (officers): its layout,
// its values as the API's body, and sending it. Controls are named by their API field paths (controls.js); the
// checks are the server's (rules.js); errors show on the controls and in a summary (errors.js).
import { applyI18n, t } from './i18n.js';
import { call } from './api.js';
import { controls, h, text } from './declaration-form/controls.js';
import { errorDisplay } from './declaration-form/errors.js';
import { parentsOf } from './units.js';
import {
  addDays, CONTACTS, fromServer, MAX_DAYS_AHEAD, PLATE_REQUIRED, PURPOSES, SYMPTOMS, validate, VEHICLES, vietnamToday,
} from './declaration-form/rules.js';

export { plateWellFormed, vietnamToday } from './declaration-form/rules.js';

export function mountDeclarationForm(container, { idPrefix, endpoint, token, onResult, extra, attestOnSubmit = false }) {
  const { id, cascades, hintAndError, input, select, textarea, checkbox, radios, place } = controls(idPrefix);

  const today = vietnamToday();
  const summary = h('div', { class: 'notice error', role: 'alert', tabindex: '-1', hidden: true });
  // attestOnSubmit: the commitment is read above the button that makes it ("Cam kết và gửi"), not ticked apart
  const submitKey = attestOnSubmit ? 'submit.attest' : 'submit';
  const submit = h('button', { type: 'submit', class: 'button' }, attestOnSubmit ? text('submit.attest') : text('submit'));

  const identity = h('fieldset', { class: 'box' }, h('legend', { i18n: 'section.identity' }, t('section.identity')),
    input('citizenId', 'f.citizenId',
      { hint: 'h.citizenId', inputmode: 'numeric', maxlength: 12, autocomplete: 'off', spellcheck: 'false' }),
    input('fullName', 'f.fullName', { hint: 'h.fullName', maxlength: 100, autocomplete: 'name' }),
    h('div', { class: 'row two' },
      input('dateOfBirth', 'f.dateOfBirth', { type: 'date', min: '1900-01-01', max: today, autocomplete: 'bday' }),
      radios('gender', 'f.gender', ['MALE', 'FEMALE'], 'gender.')),
    input('phone', 'f.phone', { type: 'tel', hint: 'h.phone', maxlength: 13, autocomplete: 'tel', inputmode: 'tel' }),
    h('details', { class: 'more' }, h('summary', { i18n: 'f.emailShow' }, t('f.emailShow')),
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
    symptoms, contacts, h('details', { class: 'more' }, h('summary', { i18n: 'f.visitedShow' }, t('f.visitedShow')),
      textarea('health.visitedPlaces', 'f.visitedPlaces', { optional: true, maxlength: 500, rows: 2 })));

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
  if (attestOnSubmit) {
    const statement = h('p', { id: `${id('consent')}-statement`, i18n: 'f.consent' }, t('f.consent'));
    consent.querySelector('.choice').hidden = true;
    consent.append(statement);
    submit.setAttribute('aria-describedby', statement.id);
  }

  const form = h('form', { novalidate: true, id: `${idPrefix}-form` },
    summary,
    h('p', { class: 'hint', i18n: 'citizen.required' }, t('citizen.required')),
    identity, residence, h('div', { class: 'field' }, same), origin, destination, trip, vehicle, health, test,
    extra || null, consent, h('div', { class: 'buttons' }, submit));
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
  // most trips stay in the province: the destination starts in the residence's (one choice fewer)
  el('residence.wardCode').addEventListener('change', () => {
    const parents = parentsOf(val('residence.wardCode'));
    if (parents) cascades[2].suggestProvince(parents.province);
  });

  // ---------------------------------------------------------------- values
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

  function wrapperOf(field) {
    let name = field;
    if (name.startsWith('origin.') && sameInput.checked) name = name.replace('origin.', 'residence.');
    return form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  }

  const errors = errorDisplay(form, summary, wrapperOf);

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    if (attestOnSubmit) el('consent').checked = true;
    const b = body();
    const problems = validate(b, sameInput.checked);
    if (problems.length) {
      errors.show(problems);
      return;
    }
    errors.clear();
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
        errors.show(e.problem.errors.map(fromServer));
      } else if (e.status === 0) {
        errors.show([], t('e.network'));
      } else if (e.status === 429 && e.retryAfter > 60) {
        // the anti-enumeration limit: too many answers the registry disagreed with for this id today
        errors.show([], t('e.limited', { h: Math.ceil(e.retryAfter / 3600) }));
      } else if (e.status === 429 || e.status === 503) {
        errors.show([], t('e.busy', { s: e.retryAfter || 5 }));
      } else if (e.status === 401) {
        errors.show([], t('e.unauthorized'));
      } else if (e.status === 403) {
        errors.show([], t('e.forbidden'));
      } else if (e.status) {
        errors.show([], t('e.server', { status: e.status }));
      } else {
        throw e;
      }
    } finally {
      busy = false;
      submit.disabled = false;
      submit.firstChild.dataset.i18n = submitKey;
      submit.firstChild.textContent = t(submitKey);
    }
  });

  document.addEventListener('langchange', () => {
    applyI18n(form);
    cascades.forEach((c) => c.relabel());
    errors.relabel();
  });

  return {
    form,
    ready: Promise.all(cascades.map((c) => c.ready)),
    /** Marks fields (e.g. after a rejection) without a summary: the caller explains why. */
    mark: errors.mark,
    focusField(field) {
      const w = wrapperOf(field);
      const c = w && w.querySelector('input, select, textarea');
      if (c) c.focus();
    },
    /** The body the form would send now. */
    values: body,
    /**
     * Fills the fields given ({citizenId, fullName, dateOfBirth, gender, phone, email, residence: {wardCode, address},
     * vehicle: {type, plate}}; absent ones are left alone) once the units are loaded.
     */
    async fill(v) {
      await Promise.all(cascades.map((c) => c.ready));
      const set = (name, value) => {
        if (typeof value !== 'string') return;
        el(name).value = value;
        el(name).dispatchEvent(new Event('change', { bubbles: true }));
      };
      set('citizenId', v.citizenId);
      set('fullName', v.fullName);
      set('dateOfBirth', v.dateOfBirth);
      set('phone', v.phone);
      set('email', v.email);
      if (v.email) el('email').closest('details').open = true;
      const g = v.gender && form.querySelector(`input[name="gender"][value="${CSS.escape(v.gender)}"]`);
      if (g) g.checked = true;
      if (v.residence) {
        if (v.residence.wardCode) cascades[0].set(v.residence.wardCode);
        set('residence.address', v.residence.address);
      }
      if (v.vehicle && v.vehicle.type) {
        set('vehicle.type', v.vehicle.type);
        set('vehicle.plate', v.vehicle.plate);
      }
    },
    /** Focuses the first required text field still empty (after a scan: the phone number). */
    focusFirstEmpty() {
      const empty = [...form.querySelectorAll('input[aria-required="true"]:not([type="date"])')]
        .find((c) => c.type !== 'radio' && c.type !== 'checkbox' && !c.value && c.offsetParent !== null);
      if (empty) empty.focus();
      return empty ? empty.name : null;
    },
    reset() {
      form.reset();
      sameInput.checked = true;
      origin.hidden = true;
      plateField.hidden = true;
      testDetails.hidden = true;
      el('departureDate').value = vietnamToday();
      errors.clear();
    },
  };
}
