// The line under the checkpoint's heading: online or not, how old the data for offline checks is (and how many
// passes it knows as revoked), how old the offline health list is, and how many confirmations made offline wait.
import { formatInstant, t } from '../i18n.js';
import { $ } from '../dom.js';
import { dataAsOf, offlineData } from './offline-data.js';
import { queued } from './queue.js';

let waiting = 0;

/** "vừa xong", "5 phút trước", "3 giờ trước", "2 ngày trước". */
function age(since) {
  const minutes = Math.floor((Date.now() - since.getTime()) / 60000);
  if (minutes < 1) return t('cp.age.now');
  if (minutes < 60) return t('cp.age.minutes', { n: minutes });
  if (minutes < 48 * 60) return t('cp.age.hours', { n: Math.floor(minutes / 60) });
  return t('cp.age.days', { n: Math.floor(minutes / 1440) });
}

function render() {
  const online = navigator.onLine;
  $('net-state').textContent = t(online ? 'cp.net.online' : 'cp.net.offline');
  $('offline-status').dataset.online = String(online);
  const asOf = dataAsOf();
  $('data-age').textContent = asOf
    ? t('cp.dataAge', { at: formatInstant(asOf.toISOString()), age: age(asOf), n: offlineData().revoked.size })
    : t('cp.dataNone');
  $('data-age').dataset.stale = String(!asOf || Date.now() - asOf.getTime() > 24 * 3600 * 1000);
  const healthAt = offlineData().healthAt;
  $('health-age').textContent = healthAt ? t('cp.healthAge', { at: formatInstant(healthAt.toISOString()), age: age(healthAt) })
    : t('cp.healthNone');
  $('health-age').dataset.stale = String(!healthAt || Date.now() - healthAt.getTime() > 24 * 3600 * 1000);
  $('queue-length').textContent = t('cp.queue', { n: waiting });
  $('queue-length').dataset.count = String(waiting);
}

export function wireStatus() {
  for (const name of ['online', 'offline']) window.addEventListener(name, render);
  for (const name of ['offlinedata', 'langchange']) document.addEventListener(name, render);
  document.addEventListener('queuechange', (ev) => { waiting = ev.detail; render(); });
  setInterval(render, 30 * 1000);
  queued().then((n) => { waiting = n; render(); });
}
