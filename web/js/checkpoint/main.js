// The officers' page (/checkpoint/): sign in, scan (camera, photo or typed code), verdict, allow / turn back,
// paper declarations. Each part is wired here, in the order the page is read; they talk through document
// events: 'signout' (session.js), 'scanned' (scan.js) and 'langchange' (i18n.js).
import { applyI18n, wireLangSwitch } from '../i18n.js';
import { $ } from '../dom.js';
import { startSignIn, wireSignIn } from './signin.js';
import { wireScan } from './scan.js';
import { wireVerdict } from './verdict.js';
import { wireCamera } from './camera.js';
import { wirePaper } from './paper.js';

applyI18n();
wireLangSwitch($('lang-switch'));
wireSignIn();
wireScan();
wireVerdict();
wireCamera();
wirePaper();
startSignIn();
