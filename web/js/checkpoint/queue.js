// Confirmations made with no network, kept in IndexedDB until the server has them: each is sent to
// POST /v1/checkpoints/{id}/offline-passages with the confirmation id the phone made, so sending it again (a retry
// after a lost answer, two tabs) records one passage. Sent when the network returns, at sign-in, and every minute.
import { call } from '../api.js';
import { currentToken, officer } from './session.js';

const DB = 'movepass-checkpoint';
const STORE = 'confirmations';
const RETRY_MS = 60 * 1000;
let flushing = null;

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'confirmationId' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, work) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

function changed() {
  queued().then((n) => document.dispatchEvent(new CustomEvent('queuechange', { detail: n })));
}

/** How many confirmations wait to be sent. */
export function queued() {
  return run('readonly', (store) => store.count()).catch(() => 0);
}

/** Keeps a confirmation made offline: {checkpointId, token, at, direction, decision}; returns its confirmation id. */
export async function enqueue(confirmation) {
  const item = { ...confirmation, confirmationId: crypto.randomUUID(), queuedAt: new Date().toISOString() };
  await run('readwrite', (store) => store.add(item));
  changed();
  return item.confirmationId;
}

async function sendAll() {
  const token = currentToken();
  const me = officer();
  if (!token || !me) return;
  const items = await run('readonly', (store) => store.getAll());
  for (const item of items.filter((i) => i.checkpointId === me.checkpoint_id)) {
    const { token: passToken, at, direction, decision, confirmationId } = item;
    const body = { token: passToken, at, direction, decision, confirmationId };
    try {
      await call('POST', `/v1/checkpoints/${encodeURIComponent(item.checkpointId)}/offline-passages`, body, token);
    } catch (e) {
      // 400: the server refuses it for good (a forged token, older than 24 h): sending again cannot help
      if (e.status !== 400) break; // no network, signed out, busy: kept for the next try
    }
    await run('readwrite', (store) => store.delete(item.confirmationId));
    changed();
  }
}

/** Sends what waits, once at a time (a second call while sending waits for the first). */
export function flushQueue() {
  if (!flushing) flushing = sendAll().catch(() => {}).finally(() => { flushing = null; changed(); });
  return flushing;
}

export function wireQueue() {
  window.addEventListener('online', () => flushQueue());
  setInterval(() => { if (navigator.onLine) flushQueue(); }, RETRY_MS);
  changed();
}
