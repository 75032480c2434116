import type { PersonRecord } from '../../../../src/connectors/connector.types';
import { REDACTED_OTHER_PERSON } from '../../../../src/requests/export/access-export.types';
import { redactRaw } from '../../../../src/requests/export/redact-others';

const SUBJECT = 'ann.lee@example.edu';

function record(kind: PersonRecord['kind'], raw: Record<string, unknown>): PersonRecord {
  return {
    system: kind === 'AGREEMENT' ? 'ADOBE_SIGN' : 'LIVECHAT',
    kind,
    externalId: 'x',
    email: SUBJECT,
    firstName: 'Ann',
    lastName: 'Lee',
    phone: null,
    company: null,
    optedOut: null,
    lastActivityAt: null,
    birthDate: null,
    identifiers: [],
    raw,
  };
}

describe('redacting other people out of a vendor record for an access export', () => {
  it('when an Adobe Sign agreement lists co-signers, then their names, emails and companies are replaced and the subject (in another case) is kept', () => {
    const raw = redactRaw(
      record('AGREEMENT', {
        id: 'CBJCHBCAABAA1',
        name: 'NDA',
        displayParticipantSetInfos: [
          { displayUserSetMemberInfos: [{ fullName: 'Ann Lee', email: 'Ann.Lee@Example.EDU', company: 'Bergen', deliverableEmail: true }] },
          {
            displayUserSetMemberInfos: [{ fullName: 'Bob Other', email: 'bob.other@example.org', company: 'Oslo', deliverableEmail: true }],
          },
        ],
      }),
      SUBJECT,
    );
    expect(raw.displayParticipantSetInfos).toEqual([
      { displayUserSetMemberInfos: [{ fullName: 'Ann Lee', email: 'Ann.Lee@Example.EDU', company: 'Bergen', deliverableEmail: true }] },
      {
        displayUserSetMemberInfos: [
          { fullName: REDACTED_OTHER_PERSON, email: REDACTED_OTHER_PERSON, company: REDACTED_OTHER_PERSON, deliverableEmail: true },
        ],
      },
    ]);
    expect(raw.name).toBe('NDA');
  });

  it('when a LiveChat chat has agents and a message naming another address, then the agents and the address are replaced, the customer and the words are kept', () => {
    const raw = redactRaw(
      record('CHAT', {
        id: 'CHAT1',
        users: [
          { id: 'c1', type: 'customer', name: 'Ann Lee', email: SUBJECT },
          { id: 'a1', type: 'agent', name: 'Agnes Agent', email: 'agnes@vendor.example', avatar: 'https://cdn/agnes.png' },
        ],
        thread: {
          id: 'T1',
          created_at: '2026-01-01T00:00:00Z',
          events: [{ type: 'message', text: 'write to carl.third@example.com or me' }],
        },
      }),
      SUBJECT,
    );
    expect(raw.users).toEqual([
      { id: 'c1', type: 'customer', name: 'Ann Lee', email: SUBJECT },
      { id: 'a1', type: 'agent', name: REDACTED_OTHER_PERSON, email: REDACTED_OTHER_PERSON, avatar: REDACTED_OTHER_PERSON },
    ]);
    expect(JSON.stringify(raw)).toContain(`write to ${REDACTED_OTHER_PERSON} or me`);
    expect(JSON.stringify(raw)).not.toMatch(/agnes|carl\.third/);
  });

  it('when any other record holds another email anywhere, then it is replaced and the original record is left as it was', () => {
    const original = { Email: SUBJECT, Notes: { text: ['cc: eve@example.net'] } };
    const raw = redactRaw({ ...record('CRM_CONTACT', original), system: 'SALESFORCE' }, SUBJECT);
    expect(raw).toEqual({ Email: SUBJECT, Notes: { text: [`cc: ${REDACTED_OTHER_PERSON}`] } });
    expect(original.Notes.text[0]).toBe('cc: eve@example.net');
  });
});
