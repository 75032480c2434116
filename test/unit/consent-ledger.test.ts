import { currentConsents, hasActiveConsent, type LedgerEntry } from '../../src/domain/consent-ledger';
import { isEmailAddress, normaliseEmail } from '../../src/domain/email';

let nextId = 1;
function entry(purpose: LedgerEntry['purpose'], action: LedgerEntry['action'], at: string): LedgerEntry {
  return { id: nextId++, purpose, action, channel: action === 'GRANTED' ? 'WEB_FORM' : null, legalBasis: 'CONSENT', evidence: null, actor: 'DPO#x', recordedAt: new Date(at) };
}

describe('the consent ledger rules', () => {
  it('when a grant is followed by a withdrawal, then nothing is in force for that purpose', () => {
    const entries = [entry('PROMOTE_LMS', 'GRANTED', '2026-01-01'), entry('PROMOTE_LMS', 'WITHDRAWN', '2026-02-01')];
    expect(currentConsents(entries)).toEqual([]);
    expect(hasActiveConsent(entries, 'PROMOTE_LMS')).toBe(false);
  });

  it('when consent is given again after a withdrawal, then the new grant is in force', () => {
    const entries = [entry('PROMOTE_LMS', 'GRANTED', '2026-01-01'), entry('PROMOTE_LMS', 'WITHDRAWN', '2026-02-01'), entry('PROMOTE_LMS', 'GRANTED', '2026-03-01')];
    expect(currentConsents(entries).map((e) => e.recordedAt.toISOString().slice(0, 10))).toEqual(['2026-03-01']);
  });

  it('when purposes differ, then each is judged on its own latest entry', () => {
    const entries = [entry('PROMOTE_LMS', 'GRANTED', '2026-01-01'), entry('NURTURE_RELATIONSHIPS', 'GRANTED', '2026-01-02'), entry('PROMOTE_LMS', 'WITHDRAWN', '2026-01-03')];
    expect(currentConsents(entries).map((e) => e.purpose)).toEqual(['NURTURE_RELATIONSHIPS']);
  });

  it('when two entries share a timestamp, then the later id wins', () => {
    const grant = entry('PROMOTE_LMS', 'GRANTED', '2026-01-01T00:00:00Z');
    const withdrawal = entry('PROMOTE_LMS', 'WITHDRAWN', '2026-01-01T00:00:00Z');
    expect(currentConsents([withdrawal, grant])).toEqual([]);
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

  it.each(['ann@example', 'two words@example.com', '@example.com', 'ann@', `${'a'.repeat(320)}@example.com`])('when %s is checked, then it is not an email', (raw) => {
    expect(isEmailAddress(raw)).toBe(false);
  });
});
