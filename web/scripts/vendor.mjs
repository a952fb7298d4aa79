// Copies the npm libraries the site ships into vendor/ (committed, so nothing fetches them at run time).
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = [
  ['node_modules/jsqr/dist/jsQR.js', 'vendor/jsqr/jsQR.js'],
  ['node_modules/jsqr/LICENSE', 'vendor/jsqr/LICENSE'],
  ['node_modules/@noble/ed25519/index.js', 'vendor/noble-ed25519/index.js'],
  ['node_modules/@noble/ed25519/LICENSE', 'vendor/noble-ed25519/LICENSE'],
  ['node_modules/axe-core/axe.min.js', 'vendor/axe-core/axe.min.js'],
  ['node_modules/axe-core/LICENSE', 'vendor/axe-core/LICENSE'],
  ['node_modules/axe-core/LICENSE-3RD-PARTY.txt', 'vendor/axe-core/LICENSE-3RD-PARTY.txt'],
];
for (const [from, to] of files) {
  mkdirSync(dirname(join(web, to)), { recursive: true });
  copyFileSync(join(web, from), join(web, to));
  console.log(`${from} -> ${to}`);
}
