// Signing in through the Cognito hosted UI: the authorization-code flow with PKCE, back to the page that left for it
// (its folder: /checkpoint/, /venue/ or /vaccinator/, each a callback URL of the app client).
import { acceptToken } from './session.js';
import { toBase64url as base64url } from '../base64url.js';

const PKCE_KEY = 'movepass.pkce';

const page = () => window.location.pathname.replace(/[^/]*$/, '');
const callback = () => `${window.location.origin}${page()}`;

/** Leaves for the hosted UI; it comes back to this page's folder, e.g. /checkpoint/?code=…&state=…. */
export async function beginHostedSignIn(auth) {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  const challenge = base64url(new Uint8Array(digest));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const q = new URLSearchParams({
    response_type: 'code', client_id: auth.clientId, redirect_uri: callback(),
    scope: auth.scope || 'openid', state, code_challenge_method: 'S256', code_challenge: challenge,
  });
  window.location.assign(`${auth.domain}/oauth2/authorize?${q}`);
}

/** Trades the code for tokens and signs in with the ID token: null when signed in, else an i18n key. */
export async function finishHostedSignIn(auth, params) {
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
  sessionStorage.removeItem(PKCE_KEY);
  window.history.replaceState(null, '', page());
  if (!saved || saved.state !== params.get('state')) return 'cp.badToken';
  const r = await fetch(`${auth.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', client_id: auth.clientId, code: params.get('code'),
      redirect_uri: callback(), code_verifier: saved.verifier,
    }),
  });
  if (!r.ok) return 'cp.badToken';
  const tokens = await r.json();
  return acceptToken(tokens.id_token);
}
