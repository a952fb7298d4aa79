// The citizen page: the declaration form; an accepted declaration opens its pass, a rejection is explained.
import { applyI18n, t, wireLangSwitch } from './i18n.js';
import { mountDeclarationForm } from './declaration-form.js';
import { rememberedPasses, rememberPass } from './passes.js';

const REASON_FIELDS = {
  NOT_IN_REGISTRY: ['citizenId'],
  NAME_MISMATCH: ['fullName'],
  DOB_MISMATCH: ['dateOfBirth'],
  GENDER_MISMATCH: ['gender'],
  ID_INCONSISTENT: ['citizenId', 'gender', 'dateOfBirth'],
  DECEASED: [],
};

applyI18n();
wireLangSwitch(document.getElementById('lang-switch'));

const rejection = document.getElementById('rejection');
let lastReasons = [];

function renderRejection() {
  const list = rejection.querySelector('ul');
  list.replaceChildren(...lastReasons.map((r) => {
    const li = document.createElement('li');
    li.dataset.reason = r;
    li.textContent = t(`reason.${r}`);
    return li;
  }));
  rejection.querySelector('p').textContent = t('reject.lead');
}

function renderMyPasses() {
  const nav = document.getElementById('my-passes');
  const now = Date.now();
  const passes = rememberedPasses().filter((p) => Date.parse(p.validUntil) > now);
  nav.hidden = passes.length === 0;
  nav.querySelector('ul').replaceChildren(...passes.map((p) => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `/pass.html#${encodeURIComponent(p.passId)}`;
    a.textContent = t('citizen.openPass', { code: p.shortCode || '' });
    li.append(a);
    return li;
  }));
}

const form = mountDeclarationForm(document.getElementById('declaration'), {
  idPrefix: 'd',
  endpoint: '/v1/declarations',
  onResult(answer) {
    if (answer.status === 'ACCEPTED' && answer.pass) {
      rejection.hidden = true;
      rememberPass(answer.pass.passId, answer.pass.shortCode, answer.pass.validUntil);
      window.location.assign(`/pass.html#${encodeURIComponent(answer.pass.passId)}`);
      return;
    }
    lastReasons = answer.reasons || [];
    renderRejection();
    const fields = [...new Set(lastReasons.flatMap((r) => REASON_FIELDS[r] || []))];
    form.mark(fields);
    rejection.hidden = false;
    rejection.focus();
  },
});

renderMyPasses();
document.addEventListener('langchange', () => {
  renderMyPasses();
  if (!rejection.hidden) renderRejection();
});
