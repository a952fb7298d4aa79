// The booking form of POST /v1/vaccination-appointments (citizens, no login): identity as on the chip-ID card, the
// priority group, then province → site → day → a slot with its free places (GET /v1/vaccination-sites and
// …/{siteId}/slots). Errors show on the controls (the citizen form's controls and error display); what the server
// refuses as a whole (REJECTED by the registry, SLOT_FULL, ALREADY_BOOKED, COMPLETE, TOO_EARLY, the limit) is said
// in the notice above the form.
import { t } from '../i18n.js';
import { call } from '../api.js';
import { controls, h, text } from '../declaration-form/controls.js';
import { errorDisplay } from '../declaration-form/errors.js';
import { addDays, fromServer, vietnamToday } from '../declaration-form/rules.js';
import { loadUnits } from '../units.js';

export const PRIORITY_GROUPS = ['FRONTLINE_HEALTH_WORKER', 'FRONTLINE_EPIDEMIC_WORKER', 'DIPLOMAT_OR_CUSTOMS',
  'ESSENTIAL_SERVICE_WORKER', 'TEACHER_OR_STUDENT', 'CHRONIC_DISEASE_OR_OVER_65', 'EPIDEMIC_AREA_RESIDENT',
  'POOR_OR_SOCIAL_POLICY', 'SENT_ABROAD', 'OTHER'];
/** BookingParser.DAYS_AHEAD: slots open this many days ahead. */
export const DAYS_AHEAD = 30;

const CITIZEN_ID = /^[0-9]{12}$/;
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u;
const PHONE = /^(0|\+84)[1-9][0-9]{8,9}$/;

/** HH:MM of an instant in Viet Nam. */
export function vietnamTime(iso) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(iso));
}

/** YYYY-MM-DD of an instant in Viet Nam. */
export const vietnamDay = (iso) => vietnamToday(new Date(iso));

/**
 * Mounts the form in container; onAnswer(answer, body) gets a 201's body (BOOKED or REJECTED), onProblem(e) an API
 * failure that is not about one field. Returns {form, fill(values), reloadSlots(), values()}.
 */
export function mountBooking(container, { onAnswer, onProblem }) {
  const { input, select, radios } = controls('b');
  const summary = h('div', { class: 'notice error', role: 'alert', tabindex: '-1', hidden: true });
  const submit = h('button', { type: 'submit', class: 'button', id: 'b-submit' }, text('vx.book'));

  const identity = h('fieldset', { class: 'box' }, h('legend', { i18n: 'section.identity' }, t('section.identity')),
    input('citizenId', 'f.citizenId',
      { hint: 'h.citizenId', inputmode: 'numeric', maxlength: 12, autocomplete: 'off', spellcheck: 'false' }),
    input('fullName', 'f.fullName', { hint: 'h.fullName', maxlength: 100, autocomplete: 'name' }),
    h('div', { class: 'row two' },
      input('dateOfBirth', 'f.dateOfBirth', { type: 'date', min: '1900-01-01', max: vietnamToday(), autocomplete: 'bday' }),
      radios('gender', 'f.gender', ['MALE', 'FEMALE'], 'gender.')),
    input('phone', 'f.phone', { type: 'tel', hint: 'vx.h.phone', maxlength: 13, autocomplete: 'tel', inputmode: 'tel' }),
    select('priorityGroup', 'vx.f.group', [{ value: '', key: 'choose' },
      ...PRIORITY_GROUPS.map((g) => ({ value: g, key: `vx.group.${g}` }))], { hint: 'vx.h.group' }));

  const province = h('select', { id: 'b-province' });
  const siteField = select('siteId', 'vx.f.site', [{ value: '', key: 'vx.chooseProvince' }]);
  const dayField = input('date', 'vx.f.day', { type: 'date', hint: 'vx.h.day' });
  dayField.querySelector('input').removeAttribute('name'); // not an API field: it narrows the slots down
  const slotError = h('p', { class: 'field-error', id: 'b-slotStart-error' });
  const slotStatus = h('p', { class: 'hint', id: 'b-slots-status', role: 'status' });
  const slotList = h('div', { class: 'slots', id: 'b-slots' });
  const slots = h('fieldset', { class: 'field', 'data-field': 'slotStart', id: 'b-slotStart-group' },
    h('legend', { class: 'label', i18n: 'vx.f.slot' }, t('vx.f.slot')), slotError, slotStatus, slotList);
  const place = h('fieldset', { class: 'box' }, h('legend', { i18n: 'vx.section.place' }, t('vx.section.place')),
    h('div', { class: 'field' }, h('label', { for: 'b-province', i18n: 'f.province' }, t('f.province')), province),
    siteField, dayField, slots);

  const form = h('form', { novalidate: true, id: 'b-form' }, summary,
    h('p', { class: 'hint', i18n: 'citizen.required' }, t('citizen.required')), identity, place,
    h('div', { class: 'buttons' }, submit));
  container.append(form);

  const el = (name) => form.elements.namedItem(name);
  const val = (name) => {
    const e = el(name);
    return e && typeof e.value === 'string' ? e.value.trim() : '';
  };
  const site = el('siteId');
  const day = dayField.querySelector('input');
  const today = vietnamToday();
  day.min = today;
  day.max = addDays(today, DAYS_AHEAD);
  let sites = [];
  let slotItems = null;
  let slotsTurn = 0;

  // ---------------------------------------------------------------- province → site → day → slot
  loadUnits().then((tree) => {
    province.replaceChildren(h('option', { value: '', i18n: 'choose' }, t('choose')),
      ...tree.map((p) => h('option', { value: p.code }, p.name)));
  }).catch(() => {});

  function siteLabel(s) {
    const next = s.nextFreeSlot ? t('vx.nextFree', { at: `${vietnamTime(s.nextFreeSlot)} ${vietnamDay(s.nextFreeSlot)}` })
      : t('vx.noFree');
    return `${s.name} — ${s.address} (${next})`;
  }

  function renderSites() {
    const chosen = site.value;
    const first = province.value ? (sites.length ? 'choose' : 'vx.noSites') : 'vx.chooseProvince';
    site.replaceChildren(h('option', { value: '', i18n: first }, t(first)),
      ...sites.map((s) => h('option', { value: s.siteId }, siteLabel(s))));
    if (sites.some((s) => s.siteId === chosen)) site.value = chosen;
  }

  province.addEventListener('change', async () => {
    sites = [];
    renderSites();
    clearSlots();
    if (!province.value) return;
    try {
      sites = (await call('GET', `/v1/vaccination-sites?provinceCode=${encodeURIComponent(province.value)}`)).json.items;
    } catch (e) {
      sites = [];
      onProblem(e);
    }
    renderSites();
  });

  site.addEventListener('change', () => {
    const s = sites.find((x) => x.siteId === site.value);
    if (s && s.nextFreeSlot) day.value = vietnamDay(s.nextFreeSlot);
    else if (!day.value) day.value = today;
    loadSlots();
  });
  day.addEventListener('change', loadSlots);

  function clearSlots() {
    slotItems = null;
    slotList.replaceChildren();
    slotStatus.textContent = '';
    delete slotStatus.dataset.key;
  }

  function renderSlots() {
    if (!slotItems) return;
    const chosen = form.querySelector('input[name="slotStart"]:checked')?.value;
    slotStatus.dataset.key = slotItems.length ? '' : 'vx.noSlots';
    slotStatus.textContent = slotItems.length ? '' : t('vx.noSlots');
    slotList.replaceChildren(...slotItems.map((s, i) => {
      const rid = `b-slot-${i}`;
      const full = s.free <= 0;
      const words = full ? t('vx.slotFull', { time: vietnamTime(s.slotStart) })
        : t('vx.slotFree', { time: vietnamTime(s.slotStart), free: s.free, places: s.places });
      return h('div', { class: full ? 'choice full' : 'choice' },
        h('input', { type: 'radio', id: rid, name: 'slotStart', value: s.slotStart, disabled: full, 'aria-describedby': slotError.id,
          checked: !full && s.slotStart === chosen }),
        h('label', { for: rid, 'data-free': String(s.free) }, words));
    }));
  }

  /** Reads the day's slots of the chosen site again (after a choice, or a SLOT_FULL). */
  async function loadSlots() {
    const turn = ++slotsTurn;
    clearSlots();
    if (!site.value || !day.value) return;
    slotStatus.textContent = t('vx.loadingSlots');
    try {
      const answer = await call('GET', `/v1/vaccination-sites/${encodeURIComponent(site.value)}/slots?date=${day.value}`);
      if (turn !== slotsTurn) return;
      slotItems = answer.json.items;
      renderSlots();
    } catch (e) {
      if (turn !== slotsTurn) return;
      slotStatus.textContent = '';
      onProblem(e);
    }
  }

  // ---------------------------------------------------------------- values and sending
  function body() {
    return {
      citizenId: val('citizenId'),
      fullName: val('fullName'),
      dateOfBirth: val('dateOfBirth') || null,
      gender: form.querySelector('input[name="gender"]:checked')?.value || null,
      phone: val('phone'),
      priorityGroup: val('priorityGroup') || null,
      siteId: site.value || null,
      slotStart: form.querySelector('input[name="slotStart"]:checked')?.value || null,
    };
  }

  function validate(b) {
    const errors = [];
    const err = (field, key) => errors.push({ field, key });
    if (!b.citizenId) err('citizenId', 'e.REQUIRED'); else if (!CITIZEN_ID.test(b.citizenId)) err('citizenId', 'e.citizenId');
    if (!b.fullName) err('fullName', 'e.REQUIRED'); else if (!NAME.test(b.fullName)) err('fullName', 'e.fullName');
    if (!b.dateOfBirth) err('dateOfBirth', 'e.REQUIRED');
    else if (b.dateOfBirth < '1900-01-01' || b.dateOfBirth > vietnamToday()) err('dateOfBirth', 'e.dateOfBirth');
    if (!b.gender) err('gender', 'e.REQUIRED.choose');
    if (!b.phone) err('phone', 'e.REQUIRED'); else if (!PHONE.test(b.phone)) err('phone', 'e.phone');
    if (!b.priorityGroup) err('priorityGroup', 'e.REQUIRED.choose');
    if (!b.siteId) err('siteId', 'e.REQUIRED.choose');
    if (!b.slotStart) err('slotStart', 'e.REQUIRED.choose');
    return errors;
  }

  const errors = errorDisplay(form, summary, (field) => form.querySelector(`[data-field="${CSS.escape(field)}"]`));

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const b = body();
    const problems = validate(b);
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
      const answer = await call('POST', '/v1/vaccination-appointments', b);
      await onAnswer(answer.json, b);
    } catch (e) {
      const codes = e.problem && Array.isArray(e.problem.errors) ? e.problem.errors.map((x) => x.code) : [];
      if (e.status === 400 && codes.length && !codes.includes('TOO_EARLY')) errors.show(e.problem.errors.map(fromServer));
      else onProblem(e);
      if (codes.includes('SLOT_FULL')) loadSlots();
    } finally {
      busy = false;
      submit.disabled = false;
      submit.firstChild.dataset.i18n = 'vx.book';
      submit.firstChild.textContent = t('vx.book');
    }
  });

  document.addEventListener('langchange', () => {
    errors.relabel();
    renderSites();
    renderSlots();
    if (slotStatus.dataset.key) slotStatus.textContent = t(slotStatus.dataset.key);
  });

  return {
    form,
    values: body,
    mark: errors.mark,
    reloadSlots: loadSlots,
    /** Fills the identity ({citizenId, fullName, dateOfBirth, gender}); absent ones are left alone. */
    fill(v) {
      for (const name of ['citizenId', 'fullName', 'dateOfBirth', 'phone']) {
        if (typeof v[name] === 'string') el(name).value = v[name];
      }
      const g = v.gender && form.querySelector(`input[name="gender"][value="${CSS.escape(v.gender)}"]`);
      if (g) g.checked = true;
    },
    /** Focuses the first required text field still empty (after a card scan: the phone number). */
    focusFirstEmpty() {
      const empty = [...form.querySelectorAll('input[aria-required="true"]')]
        .find((c) => c.type !== 'radio' && c.type !== 'date' && !c.value);
      if (empty) empty.focus();
    },
  };
}
