// Reading a QR code from an image or a video frame: the browser's BarcodeDetector when it has qr_code, else
// the bundled jsQR (loaded only then).
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
