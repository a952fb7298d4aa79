// The checkpoint page as an installed app: its service worker (web/checkpoint/sw.js, which keeps what an offline
// check needs) and, where the browser offers it, an "install" button (elsewhere: the browser's menu, see README).
import { $ } from '../dom.js';

export function wireInstall() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/checkpoint/sw.js', { scope: '/checkpoint/' }).catch(() => {});
  }
  let prompt = null;
  window.addEventListener('beforeinstallprompt', (ev) => {
    ev.preventDefault();
    prompt = ev;
    $('install-app').hidden = false;
  });
  $('install-app').addEventListener('click', async () => {
    if (!prompt) return;
    prompt.prompt();
    await prompt.userChoice.catch(() => null);
    prompt = null;
    $('install-app').hidden = true;
  });
  window.addEventListener('appinstalled', () => { $('install-app').hidden = true; });
}
