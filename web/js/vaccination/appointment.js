// An appointment, reopened from its link /vaccination/#<appointmentId> (the id is the capability): its status, site,
// slot, dose number and QR (MPA1:<id>, the PNG the API renders), and cancelling it (DELETE frees the place).
import { formatInstant, t } from '../i18n.js';
import { call } from '../api.js';
import { $ } from '../dom.js';

const KEPT = 'movepass.appointments';
let view = null;
let message = null;

/** The appointments booked on this device: [{id, slotStart}], newest first. */
export function keptAppointments() {
  try {
    const list = JSON.parse(localStorage.getItem(KEPT) || '[]');
    return Array.isArray(list) ? list : [];
  } catch (e) {
    return [];
  }
}

export function keepAppointment(id, slotStart) {
  const list = [{ id, slotStart }, ...keptAppointments().filter((a) => a.id !== id)].slice(0, 5);
  try {
    localStorage.setItem(KEPT, JSON.stringify(list));
  } catch (e) {
    // private mode: the link is the way back
  }
}

function say(key, vars) {
  message = key ? { key, vars } : null;
  $('appt-message').textContent = key ? t(key, vars) : '';
}

function showError(key, vars) {
  const box = $('appt-error');
  box.dataset.key = key;
  box.dataset.vars = JSON.stringify(vars || {});
  box.textContent = t(key, vars);
  box.hidden = false;
  box.focus();
}

function render() {
  if (!view) return;
  $('appt-body').hidden = false;
  const booked = view.status === 'BOOKED';
  $('appointment').dataset.status = view.status;
  $('appt-status').textContent = t(`vx.status.${view.status}`);
  $('appt-status').className = booked || view.status === 'COMPLETED' ? 'status' : 'status bad';
  const qr = $('appt-qr');
  qr.hidden = !booked;
  qr.alt = t('vx.appt.qrAlt');
  if (booked && view.qrPng && qr.getAttribute('src') !== view.qrPng) qr.src = view.qrPng;
  $('appt-site').textContent = view.siteName;
  $('appt-address').textContent = view.address;
  $('appt-slot').textContent = formatInstant(view.slotStart);
  $('appt-dose').textContent = t('vx.appt.doseN', { n: view.doseNumber });
  $('appt-code').textContent = view.qr;
  $('appt-cancel').hidden = !booked;
  const link = $('appt-link');
  link.href = window.location.href;
  link.textContent = window.location.href;
}

/** Shows the appointment of this id (GET), or says why it cannot. */
export async function openAppointment(id) {
  view = null;
  $('appt-body').hidden = true;
  $('appt-error').hidden = true;
  say('vx.appt.loading');
  try {
    view = (await call('GET', `/v1/vaccination-appointments/${encodeURIComponent(id)}`)).json;
    say(null);
    render();
  } catch (e) {
    if (e.status === 404 || e.status === 400) say('vx.appt.notFound');
    else if (e.status === 0) say('e.network');
    else say('e.server', { status: e.status });
  }
}

async function cancel() {
  const button = $('appt-cancel');
  button.disabled = true;
  $('appt-error').hidden = true;
  try {
    view = (await call('DELETE', `/v1/vaccination-appointments/${encodeURIComponent(view.appointmentId)}`)).json;
    render();
    say('vx.appt.cancelled');
  } catch (e) {
    if (e.status === 409) {
      // completed or missed meanwhile: show what it is now
      await openAppointment(view.appointmentId);
      showError('vx.appt.notCancellable');
    } else if (e.status === 0) showError('e.network');
    else if (e.status === 429 || e.status === 503) showError('e.busy', { s: e.retryAfter || 5 });
    else showError('e.server', { status: e.status });
  } finally {
    button.disabled = false;
  }
}

export function wireAppointment() {
  $('appt-cancel').addEventListener('click', cancel);
  $('appt-print').addEventListener('click', () => window.print());
  document.addEventListener('langchange', () => {
    render();
    if (message) $('appt-message').textContent = t(message.key, message.vars);
    const box = $('appt-error');
    if (!box.hidden && box.dataset.key) box.textContent = t(box.dataset.key, JSON.parse(box.dataset.vars || '{}'));
  });
}
