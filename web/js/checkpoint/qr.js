// Moved to /js/qr.js (shared with the citizen form's card scan); kept so the checkpoint page's imports stay.
export { decodeQr, hasCamera, watchQr } from '../qr.js';
