import express, { type Router } from 'express';
import type { PublishedKeys } from '../requests/proof/signing-keys';

/**
 * The public keys erasure certificates are verified with (RFC 7517 JWK Set). Public by design: no
 * auth and no personal data. Cached for an hour, so verifiers pick up a rotated key the same day.
 */
export function jwksRoute(certificates: { jwks(): PublishedKeys }): Router {
  const router = express.Router();
  router.get('/.well-known/jwks.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600');
    res.type('application/jwk-set+json').send(JSON.stringify(certificates.jwks()));
  });
  return router;
}
