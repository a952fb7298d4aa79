// The form's controls: each labelled, with its hint and its error line (aria-describedby), named by its API
// field path, with an id made of the form's prefix and that path (residence.wardCode → d-residence-wardCode).
import { t } from '../i18n.js';
import { cascade } from '../units.js';

/** An element with attributes (i18n → data-i18n, class → className, true → present) and children. */
export function h(tag, attrs = {}, ...children) {
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

/** A span with the text of an i18n key, relabelled when the language changes. */
export const text = (key) => h('span', { i18n: key }, t(key));

/** The builders of one form's controls; cascades collects the province → district → ward selects. */
export function controls(idPrefix) {
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
      group.append(h('div', { class: 'choice' },
        h('input', { type: 'radio', id: rid, name, value: v, 'aria-describedby': he.error.id }),
        h('label', { for: rid, i18n: keyPrefix + v }, t(keyPrefix + v))));
    }
    return h('fieldset', { class: 'field', 'data-field': name, id: `${id(name)}-group` },
      h('legend', { class: 'label', i18n: legendKey }, t(legendKey)), he.error, group);
  }

  /** A place: province, district and ward selects (the ward carries the field) and the street address. */
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

  return { id, cascades, hintAndError, input, select, textarea, checkbox, radios, place };
}
