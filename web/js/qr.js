// Reading a QR code from an image or a video frame: the browser's BarcodeDetector when it has qr_code, else
// the bundled jsQR (loaded only then); and the rear camera watched until a code is read. Used by the checkpoint
// page (passes) and the citizen form (the citizen's own chip-ID card).
let detector;

async function decoder() {
  if (detector !== undefined) return detector;
  detector = null;
  if ('BarcodeDetector' in window) {
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (formats.includes('qr_code')) detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    } catch (e) {
      detector = null;
    }
  }
  if (!detector && !window.jsQR) {
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/vendor/jsqr/jsQR.js';
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }
  return detector;
}

const canvas = document.createElement('canvas');

/** The text of the first QR code in source (an image bitmap or a video) of that size, or null. */
export async function decodeQr(source, width, height) {
  const d = await decoder();
  if (d) {
    const codes = await d.detect(source);
    return codes.length ? codes[0].rawValue : null;
  }
  const scale = Math.min(1, 1024 / Math.max(width, height));
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const hit = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  return hit ? hit.data : null;
}

/** Whether this browser can open a camera at all. */
export const hasCamera = () => Boolean(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);

/**
 * Opens the rear camera into video and reads a frame every 200 ms until a QR code is found: onCode(text) is then
 * called once and the camera closed. Resolves to stop() (closes it early); rejects when the camera can't open.
 */
export async function watchQr(video, onCode) {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  let scanning = true;
  const stop = () => {
    scanning = false;
    stream.getTracks().forEach((track) => track.stop());
    video.srcObject = null;
  };
  video.srcObject = stream;
  await video.play();
  const tick = async () => {
    if (!scanning) return;
    if (video.readyState >= 2) {
      const code = await decodeQr(video, video.videoWidth, video.videoHeight).catch(() => null);
      if (code && scanning) {
        stop();
        await onCode(code);
        return;
      }
    }
    setTimeout(tick, 200);
  };
  tick();
  return stop;
}
