// Passes this device has seen, so a citizen can reopen them (pass ids only; nothing personal is kept).
const KEY = 'movepass.passes';

export function rememberedPasses() {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) || '[]');
    return Array.isArray(list) ? list.filter((p) => p && typeof p.passId === 'string') : [];
  } catch (e) {
    return [];
  }
}

export function rememberPass(passId, shortCode, validUntil) {
  try {
    const now = Date.now();
    const list = rememberedPasses().filter((p) => p.passId !== passId && Date.parse(p.validUntil) > now);
    list.unshift({ passId, shortCode, validUntil });
    localStorage.setItem(KEY, JSON.stringify(list.slice(0, 5)));
  } catch (e) {
    // storage unavailable: the link shown on the pass page still reopens it
  }
}
