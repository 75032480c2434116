import { currentConsents, hasActiveConsent, type LedgerEntry } from '../../src/domain/consent-ledger';
import { isEmailAddress, normaliseEmail } from '../../src/domain/email';

let nextId = 1;
function entry(purpose: LedgerEntry['purpose'], action: LedgerEntry['action'], at: string): LedgerEntry {
  return {
    id: nextId++,
    purpose,
    action,
    channel: action === 'GRANTED' ? 'WEB_FORM' : null,
    legalBasis: 'CONSENT',
    evidence: null,
    actor: 'DPO#x',
    recordedAt: new Date(at),
  };
}

describe('the consent ledger rules', () => {
  it('when a grant is followed by a withdrawal, then nothing is in force for that purpose', () => {
    const entries = [entry('PROMOTE_LMS', 'GRANTED', '2026-01-01'), entry('PROMOTE_LMS', 'WITHDRAWN', '2026-02-01')];
    expect(currentConsents(entries)).toEqual([]);
    expect(hasActiveConsent(entries, 'PROMOTE_LMS')).toBe(false);
  });

  it('when consent is given again after a withdrawal, then the new grant is in force', () => {
    const entries = [
      entry('PROMOTE_LMS', 'GRANTED', '2026-01-01'),
      entry('PROMOTE_LMS', 'WITHDRAWN', '2026-02-01'),
      entry('PROMOTE_LMS', 'GRANTED', '2026-03-01'),
    ];
    expect(currentConsents(entries).map((e) => e.recordedAt.toISOString().slice(0, 10))).toEqual(['2026-03-01']);
  });

  it('when purposes differ, then each is judged on its own latest entry', () => {
    const entries = [
      entry('PROMOTE_LMS', 'GRANTED', '2026-01-01'),
      entry('NURTURE_RELATIONSHIPS', 'GRANTED', '2026-01-02'),
      entry('PROMOTE_LMS', 'WITHDRAWN', '2026-01-03'),
    ];
    expect(currentConsents(entries).map((e) => e.purpose)).toEqual(['NURTURE_RELATIONSHIPS']);
  });

  it('when two entries share a timestamp, then the later id wins', () => {
    const grant = entry('PROMOTE_LMS', 'GRANTED', '2026-01-01T00:00:00Z');
    const withdrawal = entry('PROMOTE_LMS', 'WITHDRAWN', '2026-01-01T00:00:00Z');
    expect(currentConsents([withdrawal, grant])).toEqual([]);
  });

  it('when two entries share a timestamp, then the later id wins in either input order', () => {
    const grant = entry('PROMOTE_LMS', 'GRANTED', '2026-01-01T00:00:00Z');
    const withdrawal = entry('PROMOTE_LMS', 'WITHDRAWN', '2026-01-01T00:00:00Z');
    expect(currentConsents([grant, withdrawal])).toEqual([]);
    const regrant = entry('PROMOTE_LMS', 'GRANTED', '2026-01-01T00:00:00Z');
    expect(currentConsents([regrant, withdrawal])).toEqual([regrant]);
  });

  it('when an entry was recorded with an earlier time than an older id (backdated evidence), then time decides, not the id', () => {
    const grant = entry('PROMOTE_LMS', 'GRANTED', '2026-03-01');
    const backdatedWithdrawal = entry('PROMOTE_LMS', 'WITHDRAWN', '2026-02-01');
    expect(currentConsents([grant, backdatedWithdrawal])).toEqual([grant]);
    expect(currentConsents([backdatedWithdrawal, grant])).toEqual([grant]);
  });

  it('when several purposes are in force, then they are listed by id whatever the input order', () => {
    const later = entry('NURTURE_RELATIONSHIPS', 'GRANTED', '2026-01-02');
    const earlier = entry('PROMOTE_LMS', 'GRANTED', '2026-01-01');
    const middle = entry('IDENTIFY_AND_TARGET', 'GRANTED', '2026-01-03');
    expect(currentConsents([later, middle, earlier]).map((e) => e.id)).toEqual([later.id, earlier.id, middle.id].sort((a, b) => a - b));
    expect(currentConsents([later, middle, earlier])[0]?.id).toBe(later.id);
  });

  it('when a withdrawal is checked, then only the purpose asked about counts', () => {
    const entries = [entry('NURTURE_RELATIONSHIPS', 'GRANTED', '2026-01-01')];
    expect(hasActiveConsent(entries, 'NURTURE_RELATIONSHIPS')).toBe(true);
    expect(hasActiveConsent(entries, 'PROMOTE_LMS')).toBe(false);
  });
});

describe('email keys', () => {
  it.each([
    ['  Ann.Lee@Example.EDU ', 'ann.lee@example.edu'],
    ["Sean.O'Brien+news@example.ie", "sean.o'brien+news@example.ie"],
    ['ZOË@EXAMPLE.SE', 'zoë@example.se'],
  ])('when %s is normalised, then it becomes %s', (raw, key) => {
    expect(normaliseEmail(raw)).toBe(key);
  });

  it.each([
    'ann@example',
    'ann@example.edu.',
    'ann@example.edu@x',
    'two words@example.com',
    '@example.com',
    'ann@',
    `${'a'.repeat(320)}@example.com`,
  ])('when %s is checked, then it is not an email', (raw) => {
    expect(isEmailAddress(raw)).toBe(false);
  });
});
