// The vaccination certificate (POST /v1/vaccination-certificates): the identity as on the chip-ID card, checked
// against the registry (and limited) like a booking; once a dose is recorded, a signed VC1 QR a checkpoint reads
// even offline.
import { t } from '../i18n.js';
import { call } from '../api.js';
import { $ } from '../dom.js';
import { controls, h, text } from '../declaration-form/controls.js';
import { errorDisplay } from '../declaration-form/errors.js';
import { fromServer, vietnamToday } from '../declaration-form/rules.js';

export function mountCertificate(container, { prefill }) {
  const { input } = controls('c');
  const summary = h('div', { class: 'notice error', role: 'alert', tabindex: '-1', hidden: true, id: 'c-summary' });
  const submit = h('button', { type: 'submit', class: 'button', id: 'c-submit' }, text('vx.cert.get'));
  const form = h('form', { novalidate: true, id: 'c-form' }, summary,
    h('p', { class: 'hint', i18n: 'vx.cert.lead' }, t('vx.cert.lead')),
    input('citizenId', 'f.citizenId', { inputmode: 'numeric', maxlength: 12, autocomplete: 'off', spellcheck: 'false' }),
    input('fullName', 'f.fullName', { maxlength: 100, autocomplete: 'name' }),
    input('dateOfBirth', 'f.dateOfBirth', { type: 'date', min: '1900-01-01', max: vietnamToday(), autocomplete: 'bday' }),
    h('div', { class: 'buttons' }, submit));
  container.append(form);
  const el = (name) => form.elements.namedItem(name);
  const errors = errorDisplay(form, summary, (field) => form.querySelector(`[data-field="${CSS.escape(field)}"]`));
  let said = null;

  function sayAll() {
    if (!said) return;
    errors.show([], said.reasons ? [t(said.key), ...said.reasons.map((r) => t(`reason.${r}`))].join(' ') : t(said.key, said.vars));
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const b = { citizenId: el('citizenId').value.trim(), fullName: el('fullName').value.trim(), dateOfBirth: el('dateOfBirth').value };
    const missing = ['citizenId', 'fullName', 'dateOfBirth'].filter((f) => !b[f]).map((field) => ({ field, key: 'e.REQUIRED' }));
    said = null;
    $('cert-result').hidden = true;
    if (missing.length) {
      errors.show(missing);
      return;
    }
    errors.clear();
    submit.disabled = true;
    try {
      const answer = (await call('POST', '/v1/vaccination-certificates', b)).json;
      if (answer.status === 'ISSUED') {
        $('cert-qr').src = answer.qrPng;
        $('cert-qr').alt = t('vx.cert.qrAlt');
        $('cert-save').href = answer.qrPng;
        $('cert-result').hidden = false;
      } else {
        said = { key: 'vx.rejected', reasons: answer.reasons || [] };
        sayAll();
      }
    } catch (e) {
      const code = e.problem && Array.isArray(e.problem.errors) && e.problem.errors.length ? e.problem.errors[0].code : null;
      if (e.status === 400 && code) {
        errors.show(e.problem.errors.map(fromServer));
        return;
      }
      if (e.status === 409 && code === 'NO_DOSE') said = { key: 'vx.cert.noDose' };
      else if (e.status === 429 && e.retryAfter > 60) said = { key: 'vx.e.limited', vars: { h: Math.ceil(e.retryAfter / 3600) } };
      else if (e.status === 429 || e.status === 503) said = { key: 'e.busy', vars: { s: e.retryAfter || 5 } };
      else if (e.status === 0) said = { key: 'e.network' };
      else said = { key: 'e.server', vars: { status: e.status } };
      sayAll();
    } finally {
      submit.disabled = false;
    }
  });
  document.addEventListener('langchange', () => {
    if (said) sayAll(); else errors.relabel();
    $('cert-qr').alt = t('vx.cert.qrAlt');
  });

  return {
    /** Copies the identity typed in the booking form into the empty fields. */
    prefill() {
      const v = prefill();
      for (const name of ['citizenId', 'fullName', 'dateOfBirth']) {
        if (v[name] && !el(name).value) el(name).value = v[name];
      }
    },
  };
}
