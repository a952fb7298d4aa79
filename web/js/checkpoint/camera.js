// The two ways to read a QR code without typing it: the live camera (rear-facing, a frame every 200 ms) and a
// photo chosen or taken on the phone. A code read is checked at once.
import { t } from '../i18n.js';
import { $ } from '../dom.js';
import { decodeQr } from './qr.js';
import { hideScanError, scan, showScanError } from './scan.js';

let stream = null;
let scanning = false;

function labelButton(key) {
  const label = $('camera-button').firstElementChild;
  label.dataset.i18n = key;
  label.textContent = t(key);
}

function stopCamera() {
  scanning = false;
  if (stream) stream.getTracks().forEach((track) => track.stop());
  stream = null;
  $('camera').hidden = true;
  labelButton('cp.camera');
}

async function startCamera() {
  hideScanError();
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch (e) {
    showScanError('cp.cameraError');
    return;
  }
  const video = $('camera-video');
  video.srcObject = stream;
  await video.play();
  $('camera').hidden = false;
  labelButton('cp.cameraStop');
  scanning = true;
  const tick = async () => {
    if (!scanning) return;
    if (video.readyState >= 2) {
      const code = await decodeQr(video, video.videoWidth, video.videoHeight).catch(() => null);
      if (code && scanning) {
        stopCamera();
        await scan(code);
        return;
      }
    }
    setTimeout(tick, 200);
  };
  tick();
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
    await scan(code);
  } catch (e) {
    showScanError('cp.noQr');
  }
}

export function wireCamera() {
  $('photo-input').addEventListener('change', scanPhoto);
  $('camera-button').addEventListener('click', () => (stream ? stopCamera() : startCamera()));
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) $('camera-button').hidden = true;
  document.addEventListener('signout', stopCamera);
}
