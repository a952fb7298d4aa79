// Paper declarations: the officer types one in (the citizen's form, sent for this checkpoint); an accepted one
// can be checked at once with its pass.
import { t } from '../i18n.js';
import { mountDeclarationForm } from '../declaration-form.js';
import { $ } from '../dom.js';
import { checkpointPath, currentToken } from './session.js';
import { scan } from './scan.js';

let paper = null;
let lastPaper = null;

function renderPaperResult() {
  const answer = lastPaper;
  if (!answer) return;
  const box = $('paper-result');
  box.replaceChildren();
  box.hidden = false;
  if (answer.status === 'ACCEPTED' && answer.pass) {
    const p = document.createElement('p');
    p.textContent = t('cp.paperAccepted', { code: answer.pass.shortCode });
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'button';
    b.textContent = t('cp.paperScan');
    b.addEventListener('click', () => { scan(answer.pass.token); });
    box.append(p, b);
  } else {
    const h = document.createElement('p');
    h.textContent = t('reject.title');
    const ul = document.createElement('ul');
    for (const r of answer.reasons || []) {
      const li = document.createElement('li');
      li.textContent = t(`reason.${r}`);
      ul.append(li);
    }
    box.append(h, ul);
  }
}

/** The form is built the first time the section is opened. */
function mountPaperForm() {
  if (!$('paper').open || paper) return;
  paper = mountDeclarationForm($('paper-form'), {
    idPrefix: 'p',
    endpoint: () => checkpointPath('declarations'),
    token: currentToken,
    onResult(answer) {
      lastPaper = answer;
      renderPaperResult();
      if (answer.status === 'ACCEPTED') paper.reset();
      $('paper-result').focus();
    },
  });
}

export function wirePaper() {
  $('paper').addEventListener('toggle', mountPaperForm);
  document.addEventListener('langchange', renderPaperResult);
}
