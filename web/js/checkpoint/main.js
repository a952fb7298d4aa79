// The officers' page (/checkpoint/): sign in, scan (camera, photo or typed code), verdict, allow / turn back,
// paper declarations. Each part is wired here, in the order the page is read; they talk through document
// events: 'signout' and 'signedin' (session.js, signin.js), 'scanned' (scan.js), 'offlinedata' (offline-data.js),
// 'queuechange' (queue.js) and 'langchange' (i18n.js).
import { applyI18n, wireLangSwitch } from '../i18n.js';
import { $ } from '../dom.js';
import { startSignIn, wireSignIn } from './signin.js';
import { wireScan } from './scan.js';
import { wireVerdict } from './verdict.js';
import { wireCamera } from './camera.js';
import { wirePaper } from './paper.js';
import { wireInstall } from './install.js';
import { refreshOfflineData, wireOfflineData } from './offline-data.js';
import { flushQueue, wireQueue } from './queue.js';
import { wireStatus } from './status.js';
import { signOut, tokenExpired } from './session.js';

applyI18n();
wireLangSwitch($('lang-switch'));
wireSignIn();
wireScan();
wireVerdict();
wireCamera();
wirePaper();
wireInstall();
wireStatus();
wireOfflineData();
wireQueue();
// back online with a session that expired while offline: sign in again (the queue waits, and is sent then)
window.addEventListener('online', () => { if (tokenExpired()) signOut('e.unauthorized'); });
document.addEventListener('signedin', () => {
  refreshOfflineData();
  flushQueue();
});
startSignIn();
