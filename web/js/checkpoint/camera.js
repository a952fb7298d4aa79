// The two ways to read a QR code without typing it: the live camera (rear-facing, a frame every 200 ms) and a
// photo chosen or taken on the phone. A code read is checked at once.
import { t } from '../i18n.js';
import { $ } from '../dom.js';
import { decodeQr, hasCamera, watchQr } from '../qr.js';
import { hideScanError, scan, showScanError } from './scan.js';

let stopStream = null;
// what a code read is given to: the checkpoint's scan, or the venue page's check-in
let onCode = scan;

function labelButton(key) {
  const label = $('camera-button').firstElementChild;
  label.dataset.i18n = key;
  label.textContent = t(key);
}

function stopCamera() {
  if (stopStream) stopStream();
  stopStream = null;
  $('camera').hidden = true;
  labelButton('cp.camera');
}

async function startCamera() {
  hideScanError();
  try {
    stopStream = await watchQr($('camera-video'), async (code) => {
      stopStream = null;
      stopCamera();
      await onCode(code);
    });
  } catch (e) {
    showScanError('cp.cameraError');
    return;
  }
  $('camera').hidden = false;
  labelButton('cp.cameraStop');
}

async function scanPhoto(ev) {
  const file = ev.target.files && ev.target.files[0];
  ev.target.value = '';
  if (!file) return;
  hideScanError();
  try {
    const bitmap = await createImageBitmap(file);
    const code = await decodeQr(bitmap, bitmap.width, bitmap.height);
    if (!code) {
      showScanError('cp.noQr');
      return;
    }
    await onCode(code);
  } catch (e) {
    showScanError('cp.noQr');
  }
}

/** Wires the camera button and the photo input; a code read goes to handler (the checkpoint's scan by default). */
export function wireCamera(handler = scan) {
  onCode = handler;
  $('photo-input').addEventListener('change', scanPhoto);
  $('camera-button').addEventListener('click', () => (stopStream ? stopCamera() : startCamera()));
  if (!hasCamera()) $('camera-button').hidden = true;
  document.addEventListener('signout', stopCamera);
}
