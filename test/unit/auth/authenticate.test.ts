import type { AuthToken } from '../../../src/config/config.types';
import { authenticate } from '../../../src/graphql/auth/authenticate';

const DPO_TOKEN = 'dpo-token-0123456789abcdef';
const VIEWER_TOKEN = 'viewer-token-0123456789abcdef';
const TOKENS: readonly AuthToken[] = [
  { role: 'DPO', token: DPO_TOKEN, label: 'DPO#1a2b' },
  { role: 'VIEWER', token: VIEWER_TOKEN, label: 'VIEWER#3c4d' },
];

function refusal(header: string | undefined, tokens: readonly AuthToken[] = TOKENS): { message: string; code: unknown; status: unknown } {
  try {
    authenticate(header, tokens);
  } catch (error) {
    const { message, extensions } = error as { message: string; extensions: { code: unknown; http?: { status?: unknown } } };
    return { message, code: extensions.code, status: extensions.http?.status };
  }
  throw new Error(`expected ${String(header)} to be refused`);
}

describe('authenticating a bearer token', () => {
  it('when the exact token is presented, then its role and label are the viewer', () => {
    expect(authenticate(`Bearer ${DPO_TOKEN}`, TOKENS)).toEqual({ role: 'DPO', label: 'DPO#1a2b' });
    expect(authenticate(`Bearer ${VIEWER_TOKEN}`, TOKENS)).toEqual({ role: 'VIEWER', label: 'VIEWER#3c4d' });
  });

  it('when a one-character prefix of the DPO token is presented, then it is refused as an unknown token', () => {
    expect(refusal(`Bearer ${DPO_TOKEN.slice(0, 1)}`)).toEqual({ message: 'unknown token', code: 'UNAUTHENTICATED', status: 401 });
  });

  it('when the token lacks its last character or has one more, then it is refused', () => {
    expect(refusal(`Bearer ${DPO_TOKEN.slice(0, -1)}`).message).toBe('unknown token');
    expect(refusal(`Bearer ${DPO_TOKEN}x`).message).toBe('unknown token');
    expect(refusal(`Bearer x${DPO_TOKEN}`).message).toBe('unknown token');
  });

  it('when the token is given in another case, then it is refused (tokens are case-sensitive)', () => {
    expect(refusal(`Bearer ${DPO_TOKEN.toUpperCase()}`).message).toBe('unknown token');
  });

  it('when the scheme is written in another case or spaced out, then the token still counts (RFC 7235: the scheme is case-insensitive)', () => {
    expect(authenticate(`bearer ${DPO_TOKEN}`, TOKENS).role).toBe('DPO');
    expect(authenticate(`BEARER   ${VIEWER_TOKEN}  `, TOKENS).role).toBe('VIEWER');
    expect(authenticate(`Bearer\t${DPO_TOKEN}`, TOKENS).role).toBe('DPO');
  });

  it('when the header is missing or empty, then the refusal says what is expected', () => {
    expect(refusal(undefined)).toEqual({ message: 'missing Authorization: Bearer <token>', code: 'UNAUTHENTICATED', status: 401 });
    expect(refusal('').message).toBe('missing Authorization: Bearer <token>');
  });

  it('when the header is not exactly "Bearer <one token>", then it is refused as malformed', () => {
    const malformed = 'Authorization must be "Bearer <token>"';
    for (const header of [
      DPO_TOKEN,
      `Basic ${Buffer.from(`x:${DPO_TOKEN}`).toString('base64')}`,
      `Basic ${DPO_TOKEN}`,
      `Bearer`,
      `Bearer `,
      `Bearer${DPO_TOKEN}`,
      `XBearer ${DPO_TOKEN}`,
      ` Bearer ${DPO_TOKEN}`,
      `Bearer ${DPO_TOKEN} ${VIEWER_TOKEN}`,
      `Bearer ${DPO_TOKEN} extra`,
    ]) {
      expect({ header, message: refusal(header).message }).toEqual({ header, message: malformed });
    }
  });

  it('when no token is configured, then every token is unknown', () => {
    expect(refusal(`Bearer ${DPO_TOKEN}`, []).message).toBe('unknown token');
  });

  it('when one token appears twice, then the first entry decides the role (and later entries are still compared)', () => {
    const duplicated: AuthToken[] = [
      { role: 'VIEWER', token: 'shared-token-0123456789', label: 'VIEWER#first' },
      { role: 'DPO', token: 'shared-token-0123456789', label: 'DPO#second' },
    ];
    expect(authenticate('Bearer shared-token-0123456789', duplicated)).toEqual({ role: 'VIEWER', label: 'VIEWER#first' });
    expect(authenticate(`Bearer ${VIEWER_TOKEN}`, [...duplicated, TOKENS[1]!])).toEqual({ role: 'VIEWER', label: 'VIEWER#3c4d' });
  });
});
