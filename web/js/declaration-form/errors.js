// The form's errors: each on its control (aria-invalid and the error line under the label) and listed in a
// summary at the top whose links focus the control; said again in the other language when it changes.
import { t } from '../i18n.js';
import { h } from './controls.js';

const legendText = (el) => ((el && el.querySelector(':scope > legend, :scope > label')) || {}).textContent || '';

/**
 * How the summary names a field: its section and its label ("Nơi đến — Phường / Xã"), the label without its
 * parenthesised hint; the section alone when the field is the section (the consent).
 */
function where(wrapper, field) {
  const label = legendText(wrapper).replace(/\s*\(.*\)$/, '').trim() || field;
  const box = wrapper.parentElement && wrapper.parentElement.closest('.box');
  const section = box ? legendText(box).trim() : '';
  return section && section !== label ? `${section} — ${label}` : label;
}

/** wrapperOf(field) is the element of a field path (data-field), where its error goes. */
export function errorDisplay(form, summary, wrapperOf) {
  let shown = [];
  let shownMessage = null;

  function clear() {
    form.querySelectorAll('.field.invalid').forEach((f) => f.classList.remove('invalid'));
    form.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach((c) => c.removeAttribute('aria-invalid'));
    summary.hidden = true;
    summary.replaceChildren();
    shown = [];
    shownMessage = null;
  }

  /** Shows errors ({field, key, vars} or {field, text}) and a message above them, then focuses the summary. */
  function show(errors, message) {
    clear();
    shown = errors;
    shownMessage = message || null;
    const items = [];
    const said = new Set();
    for (const e of errors) {
      const words = e.key ? t(e.key, e.vars) : e.text;
      const wrapper = wrapperOf(e.field);
      if (wrapper) {
        wrapper.classList.add('invalid');
        const p = wrapper.querySelector('.field-error');
        if (p && !p.textContent) p.textContent = words;
        const control = wrapper.querySelector('input, select, textarea');
        wrapper.querySelectorAll('input, select, textarea').forEach((c) => c.setAttribute('aria-invalid', 'true'));
        const line = `${where(wrapper, e.field)}: ${words}`;
        if (said.has(line)) continue;
        said.add(line);
        items.push(h('li', {}, h('a', { href: `#${control ? control.id : ''}` }, line)));
      } else if (!said.has(`${e.field}: ${words}`)) {
        said.add(`${e.field}: ${words}`);
        items.push(h('li', {}, `${e.field}: ${words}`));
      }
    }
    // an error inside a collapsed part (e.g. the optional email) opens it
    form.querySelectorAll('details').forEach((d) => { if (d.querySelector('.invalid')) d.open = true; });
    if (message) summary.append(h('p', {}, message));
    if (items.length) summary.prepend(h('h2', {}, t('e.summary', { n: items.length })), h('ul', {}, ...items));
    summary.hidden = false;
    summary.focus();
  }

  /** Marks fields (e.g. after a rejection) without a summary: the caller explains why. */
  function mark(fields) {
    clear();
    for (const f of fields) {
      const w = wrapperOf(f);
      if (w) {
        w.classList.add('invalid');
        w.querySelectorAll('input, select, textarea').forEach((c) => c.setAttribute('aria-invalid', 'true'));
      }
    }
  }

  /** After a language change: the errors shown, in the new language, the focus kept where it was. */
  function relabel() {
    if (summary.hidden) return;
    const focus = document.activeElement;
    show(shown, shownMessage);
    if (focus && focus !== summary) focus.focus();
  }

  summary.addEventListener('click', (ev) => {
    const a = ev.target.closest('a[href^="#"]');
    if (!a) return;
    ev.preventDefault();
    const target = document.getElementById(a.getAttribute('href').slice(1));
    if (target) target.focus();
  });

  return { clear, show, mark, relabel };
}
