// An identity provider we did not write: the certified `oidc-provider` package, configured with
// Suomi.fi's scopes, claim names and levels of assurance, and as the FTN OIDC profile asks:
// signed request objects required, ID token and userinfo (a JWT) signed and then encrypted to
// the keys the relying party publishes at its `jwks_uri`, for the independent login test.
// Usage: node oidc-provider/server.mjs <port> <relying party base URL>
import { createServer } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Provider from 'oidc-provider';

const [port, rp] = [Number(process.argv[2]), process.argv[3]];
const issuer = `http://127.0.0.1:${port}`;
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

const signingJwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const persons = new Map(
  readFileSync(here('../../server/src/sandbox/testdata/persons.csv'), 'utf8')
    .trim().split('\n').slice(1)
    .map((line) => line.split(','))
    .map(([id, given, surname, hetu]) => [id, { given, surname, hetu }]),
);

const LOA_SUBSTANTIAL = 'http://ftn.ficora.fi/2017/loa2';

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'kanta-extranet',
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'RS256',
    // Registered as with Suomi.fi: the relying party's keys are read from its published JWKS.
    jwks_uri: `${rp}/.well-known/jwks.json`,
    request_object_signing_alg: 'RS256',
    require_signed_request_object: true,
    id_token_signed_response_alg: 'RS256',
    id_token_encrypted_response_alg: 'RSA-OAEP',
    id_token_encrypted_response_enc: 'A128CBC-HS256',
    userinfo_signed_response_alg: 'RS256',
    userinfo_encrypted_response_alg: 'RSA-OAEP-256',
    userinfo_encrypted_response_enc: 'A256GCM',
    redirect_uris: [`${rp}/auth/callback`],
    post_logout_redirect_uris: [`${rp}/logged-out`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  jwks: { keys: [signingJwk] },
  cookies: { keys: ['independent-check-only'] },
  // The relying party's jwks_uri is on loopback here, which the provider's SSRF guard refuses.
  fetch: (url, { dispatcher, ...options }) => globalThis.fetch(url, options),
  scopes: ['openid', 'profile', 'personal_identity_code'],
  claims: {
    openid: ['sub'],
    acr: null,
    profile: ['name', 'urn:oid:2.5.4.42', 'urn:oid:2.5.4.4'],
    personal_identity_code: ['urn:oid:1.2.246.21'],
  },
  acrValues: [LOA_SUBSTANTIAL, 'http://ftn.ficora.fi/2017/loa3'],
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true },
    encryption: { enabled: true },
    jwtUserinfo: { enabled: true },
    requestObjects: { enabled: true, requireSignedRequestObject: true },
  },
  enabledJWA: {
    idTokenEncryptionAlgValues: ['RSA-OAEP', 'RSA-OAEP-256'],
    idTokenEncryptionEncValues: ['A128CBC-HS256', 'A256CBC-HS512', 'A128GCM', 'A256GCM'],
    userinfoEncryptionAlgValues: ['RSA-OAEP', 'RSA-OAEP-256'],
    userinfoEncryptionEncValues: ['A128CBC-HS256', 'A256CBC-HS512', 'A128GCM', 'A256GCM'],
    requestObjectSigningAlgValues: ['RS256'],
  },
  async findAccount(ctx, id) {
    const person = persons.get(id);
    if (!person) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          name: `${person.given} ${person.surname}`,
          'urn:oid:2.5.4.42': person.given,
          'urn:oid:2.5.4.4': person.surname,
          'urn:oid:1.2.246.21': person.hetu,
        };
      },
    };
  },
  // A first-party client: the user is not asked to consent to what the service needs.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile personal_identity_code');
    await grant.save();
    return grant;
  },
});

// What the provider refuses, in the test log: the reason stays with the provider otherwise.
for (const event of ['authorization.error', 'grant.error', 'userinfo.error', 'server_error', 'end_session.error']) {
  provider.on(event, (ctx, error) => console.error(`oidc-provider ${event}: ${error.error ?? ''} ${error.error_description ?? error.message}${error.cause ? ` (${error.cause.message})` : ''}`));
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The login step: choose a test person (the stand-in for bank identification).
async function interaction(req, res, uid) {
  if (req.method === 'POST') {
    let body = '';
    for await (const chunk of req) body += chunk;
    const person = new URLSearchParams(body).get('person');
    return provider.interactionFinished(req, res, { login: { accountId: person, acr: LOA_SUBSTANTIAL } });
  }
  await provider.interactionDetails(req, res);
  const options = [...persons].map(([id, p]) => `<label><input type="radio" name="person" value="${id}"> ${escape(p.given)} ${escape(p.surname)}</label><br>`);
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(`<!DOCTYPE html><html lang="en"><title>oidc-provider</title><h1>oidc-provider sign-in</h1>
<form method="post" action="/interaction/${escape(uid)}">${options.join('')}<button type="submit">Sign in</button></form></html>`);
}

const callback = provider.callback();
createServer((req, res) => {
  const match = /^\/interaction\/([^/?]+)/.exec(req.url);
  if (match) {
    interaction(req, res, match[1]).catch((error) => {
      res.statusCode = 400;
      res.end(String(error));
    });
    return;
  }
  callback(req, res);
}).listen(port, '127.0.0.1', () => console.log(`oidc-provider at ${issuer}`));
