import { addCalendarMonths } from '../../../src/domain/deadlines';
import { isUnderAge } from '../../../src/requests/retention/age';
import { planRetention, type RetentionRuleSet } from '../../../src/requests/retention/plan-retention';
import type { GatewayEvent, RetentionScan, ScannedRecord } from '../../../src/requests/retention/retention-scan.types';
import type { RetentionGap } from '../../../src/requests/retention/retention.types';

const NOW = new Date('2027-03-31T12:00:00.000Z');
const RULES: RetentionRuleSet = { inactivityMonths: 24, minimumAgeYears: 18, chatRetentionMonths: 24 };
const monthsAgo = (months: number, plusMs = 0): string => new Date(addCalendarMonths(NOW, -months).getTime() + plusMs).toISOString();
const DAY = 86_400_000;

function record(fields: Partial<ScannedRecord>): ScannedRecord {
  return { system: 'SALESFORCE', kind: 'CRM_CONTACT', externalId: 'x', at: null, birthDate: null, ...fields };
}

function scan(
  records: Record<string, ScannedRecord[]>,
  events: Record<string, GatewayEvent[]> = {},
  gaps: RetentionGap[] = [],
): RetentionScan {
  return { records: new Map(Object.entries(records)), events: new Map(Object.entries(events)), gaps };
}

const plan = (input: RetentionScan, held: string[] = []) => planRetention({ scan: input, rules: RULES, held: new Set(held), now: NOW });

describe('the retention plan', () => {
  it('when the last activity is exactly 24 calendar months ago it is inactive (ERASE); a day later it is not', () => {
    const result = plan(
      scan({
        'exact@example.org': [record({ at: monthsAgo(24) })],
        'day.less@example.org': [record({ at: monthsAgo(24, DAY) })],
        'a.ms.less@example.org': [record({ at: monthsAgo(24, 1) })],
      }),
    );
    expect(result.rules.inactiveSince).toBe('2025-03-31T12:00:00.000Z');
    expect(result.entries.map((entry) => [entry.email, entry.rule, entry.status])).toEqual([['exact@example.org', 'INACTIVITY', 'ERASE']]);
    expect(result.entries[0]?.evidence).toEqual([{ system: 'SALESFORCE', kind: 'CRM_CONTACT', at: monthsAgo(24), birthDate: null }]);
    expect(result.counts).toMatchObject({ people: 3, erase: 1, unknown: 0 });
  });

  it('when one system holds recent activity the person is kept, whatever the others say; gateway consents and requests count too', () => {
    const result = plan(
      scan(
        {
          'active.one@example.org': [
            record({ at: monthsAgo(40) }),
            record({ system: 'SURVEYMONKEY', kind: 'SURVEY_RESPONSE', at: monthsAgo(2) }),
          ],
          'consented@example.org': [record({ at: monthsAgo(40) })],
        },
        { 'consented@example.org': [{ kind: 'CONSENT', at: monthsAgo(1) }] },
      ),
    );
    expect(result.entries).toEqual([]);
  });

  it('when no system holds a timestamp the person is UNKNOWN, never inactive, and is not filed', () => {
    const result = plan(scan({ 'no.time@example.org': [record({ system: 'SURVEYMONKEY', kind: 'SURVEY_CONTACT' })] }), [
      'no.time@example.org',
    ]);
    expect(result.entries).toEqual([
      { email: 'no.time@example.org', rule: 'INACTIVITY', status: 'UNKNOWN', lastActivityAt: null, evidence: [], chats: [] },
    ]);
  });

  it('when one system says under 18 the person is a MINOR whatever their activity; conflicting dates: the youngest wins and all are evidence', () => {
    const result = plan(
      scan({
        'teen@example.org': [
          record({ at: monthsAgo(0), birthDate: '1990-01-01' }),
          record({ system: 'MARKETO', kind: 'MARKETING_LEAD', at: monthsAgo(0), birthDate: '2010-05-01' }),
        ],
        'adult@example.org': [record({ at: monthsAgo(0), birthDate: '2009-03-31' })],
      }),
    );
    expect(result.entries.map((entry) => [entry.email, entry.rule, entry.status])).toEqual([['teen@example.org', 'MINOR', 'ERASE']]);
    expect(result.entries[0]?.evidence.map((evidence) => [evidence.system, evidence.birthDate])).toEqual([
      ['SALESFORCE', '1990-01-01'],
      ['MARKETO', '2010-05-01'],
    ]);
    expect(result.counts.minors).toBe(1);
  });

  it('when a person turns 18 on the plan day they are an adult from 00:00 UTC; born 29 February, from 28 February', () => {
    expect(isUnderAge('2009-03-31', 18, new Date('2027-03-31T00:00:00.000Z'))).toBe(false);
    expect(isUnderAge('2009-03-31', 18, new Date('2027-03-30T23:59:59.999Z'))).toBe(true);
    expect(isUnderAge('2008-02-29', 18, new Date('2026-02-28T00:00:00.000Z'))).toBe(false);
  });

  it('when chats are 23 and 25 months old only the 25-month chat is removed (by chat id, newest thread) and the person is kept', () => {
    const result = plan(
      scan({
        'chatty@example.org': [
          record({ system: 'LIVECHAT', kind: 'CHAT_CUSTOMER', at: monthsAgo(26) }),
          record({ system: 'LIVECHAT', kind: 'CHAT', externalId: 'OLDCHAT/T1', at: monthsAgo(26) }),
          record({ system: 'LIVECHAT', kind: 'CHAT', externalId: 'OLDCHAT/T2', at: monthsAgo(25) }),
          record({ system: 'LIVECHAT', kind: 'CHAT', externalId: 'NEWCHAT/T3', at: monthsAgo(23) }),
        ],
      }),
    );
    expect(result.entries).toEqual([
      {
        email: 'chatty@example.org',
        rule: 'CHAT_AGE',
        status: 'REMOVE_CHATS',
        lastActivityAt: monthsAgo(23),
        evidence: [{ system: 'LIVECHAT', kind: 'CHAT', at: monthsAgo(25), birthDate: null }],
        chats: [{ id: 'OLDCHAT', at: monthsAgo(25) }],
      },
    ]);
  });

  it('when a person under legal hold is caught by a rule they are HELD', () => {
    const result = plan(scan({ 'held@example.org': [record({ at: monthsAgo(30) })] }), ['held@example.org']);
    expect(result.entries.map((entry) => [entry.rule, entry.status])).toEqual([['INACTIVITY', 'HELD']]);
    expect(result.counts).toMatchObject({ erase: 0, held: 1 });
  });

  it('when a source of activity failed while read nobody is judged inactive (UNKNOWN) but minors still are; a system that only cannot list changes nothing', () => {
    const records = {
      'old@example.org': [record({ at: monthsAgo(30) })],
      'teen@example.org': [record({ at: monthsAgo(30), birthDate: '2015-01-01' })],
    };
    const failed = plan(scan(records, {}, [{ system: 'LIVECHAT', kind: 'READ_FAILED', reason: 'listing failed (TRANSIENT)' }]));
    expect(failed.entries.map((entry) => [entry.email, entry.status])).toEqual([
      ['old@example.org', 'UNKNOWN'],
      ['teen@example.org', 'ERASE'],
    ]);
    expect(failed.gaps).toEqual([{ system: 'LIVECHAT', kind: 'READ_FAILED', reason: 'listing failed (TRANSIENT)' }]);
    const unlisted = plan(
      scan(records, {}, [
        { system: 'MARKETO', kind: 'NOT_LISTED', reason: 'cannot list everyone' },
        { system: 'GOOGLE_ANALYTICS', kind: 'READ_FAILED', reason: 'down' },
      ]),
    );
    expect(unlisted.entries.map((entry) => entry.status)).toEqual(['ERASE', 'ERASE']);
  });
});
