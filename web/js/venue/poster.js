// The venue's printable poster (/venue/poster.html?venueId=…, public): the venue's name and address, its signed QR
// (GET /v1/venues/{id}/poster.svg, an MPV1: token the citizen's pass page scans) and what to do, on one A4 page.
import { applyI18n, t, wireLangSwitch } from '../i18n.js';
import { call } from '../api.js';
import { wardLabel, loadUnits } from '../units.js';
import { $ } from '../dom.js';

applyI18n();
wireLangSwitch($('lang-switch'));

const venueId = new URLSearchParams(window.location.search).get('venueId') || '';
let venue = null;

function render() {
  $('poster-name').textContent = venue.name;
  $('poster-address').textContent = [venue.address, wardLabel(venue.wardCode)].filter(Boolean).join(', ');
  $('poster-id').textContent = venue.venueId;
  // the line in the other language says so to screen readers
  document.querySelector('.poster-other').lang = document.documentElement.lang === 'vi' ? 'en' : 'vi';
  const qr = $('poster-qr');
  qr.alt = t('poster.qrAlt', { name: venue.name });
  if (!qr.getAttribute('src')) qr.src = venue.posterSvg;
}

function fail(key, status) {
  $('poster-message').dataset.i18n = key;
  $('poster-message').textContent = t(key, { status });
}

async function load() {
  if (!venueId) {
    fail('poster.notFound');
    return;
  }
  try {
    venue = (await call('GET', `/v1/venues/${encodeURIComponent(venueId)}`)).json;
  } catch (e) {
    fail(e.status === 404 || e.status === 400 ? 'poster.notFound' : e.status === 0 ? 'e.network' : 'e.server', e.status);
    return;
  }
  $('poster-message').hidden = true;
  $('poster').hidden = false;
  $('poster-print').hidden = false;
  render();
  loadUnits().then(render).catch(() => {});
}

$('poster-print').addEventListener('click', () => window.print());
document.addEventListener('langchange', () => { if (venue) render(); });
load();
