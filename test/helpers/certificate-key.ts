import { generateKeyPairSync } from 'node:crypto';

/** A fresh Ed25519 key (PKCS#8 PEM) for production configs in tests: production requires CERTIFICATE_SIGNING_KEY. */
export const TEST_CERTIFICATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
