// The venue's page (/venue/): the shop's phone signs in as VENUE_OPERATOR (the checkpoint's sign-in, session and
// camera, configured for a venue), checks customers in and out, and sees who is inside now.
import { applyI18n, t, wireLangSwitch } from '../i18n.js';
import { call } from '../api.js';
import { $ } from '../dom.js';
import { configureSession, officer } from '../checkpoint/session.js';
import { configureHeading, startSignIn, wireSignIn } from '../checkpoint/signin.js';
import { wireCamera } from '../checkpoint/camera.js';
import { checkIn, refreshInside, wireCheckIn } from './checkin.js';

let venue = null;

configureSession({ role: 'VENUE_OPERATOR', claim: 'venue_id', storage: 'movepass.venueToken', wrong: 'venue.notOperator' });
configureHeading((claims) => (venue && venue.venueId === claims.venue_id ? `${venue.name} · ${venue.address}`
  : t('venue.at', { id: claims.venue_id })));
applyI18n();
wireLangSwitch($('lang-switch'));
wireSignIn();
wireCheckIn();
wireCamera(checkIn);

document.addEventListener('signedin', async () => {
  const id = officer().venue_id;
  $('poster-link').href = `/venue/poster.html?venueId=${encodeURIComponent(id)}`;
  refreshInside();
  try {
    venue = (await call('GET', `/v1/venues/${encodeURIComponent(id)}`)).json;
    $('cp-heading').textContent = `${venue.name} · ${venue.address}`;
  } catch (e) {
    venue = null;
  }
});
document.addEventListener('langchange', () => {
  if (venue) $('cp-heading').textContent = `${venue.name} · ${venue.address}`;
});
startSignIn();
