import { mergeProfile, sameValueKey, valuesOfRecord, type ProfileSystem, type ProfileValues } from '../../../src/federation/merge-profile';
import type { PersonRecord } from '../../../src/connectors/connector.types';

type Source = { system: ProfileSystem; values: ProfileValues };

function field(sources: Source[], name: 'email' | 'firstName' | 'lastName' | 'phone' | 'company') {
  return mergeProfile(sources).find((merged) => merged.field === name);
}

describe('merging a profile across systems', () => {
  it('when the gateway holds a value, then it wins even against a majority', () => {
    const first = field(
      [
        { system: 'SALESFORCE', values: { firstName: 'Anne' } },
        { system: 'MARKETO', values: { firstName: 'Anne' } },
        { system: 'LOCAL', values: { firstName: 'Ann' } },
      ],
      'firstName',
    );
    expect(first).toEqual({
      field: 'firstName',
      value: 'Ann',
      systems: ['LOCAL'],
      conflict: true,
      candidates: [
        { value: 'Anne', systems: ['SALESFORCE', 'MARKETO'] },
        { value: 'Ann', systems: ['LOCAL'] },
      ],
    });
  });

  it('when systems disagree without a local value, then the majority wins', () => {
    const majority = field(
      [
        { system: 'SALESFORCE', values: { phone: '+47 11 11 11 11' } },
        { system: 'MARKETO', values: { phone: '+47 22 22 22 22' } },
        { system: 'LIVECHAT', values: { phone: '+4722222222' } },
      ],
      'phone',
    );
    expect(majority).toMatchObject({ value: '+47 22 22 22 22', systems: ['MARKETO', 'LIVECHAT'], conflict: true });
  });

  it('when a LiveChat customer and its chats repeat one value, then LiveChat counts once and the CRM wins the tie', () => {
    const livechat: Source[] = ['customer', 'chat-1', 'chat-2', 'chat-3'].map(() => ({
      system: 'LIVECHAT',
      values: { phone: '+47 33 33 33 33', company: 'Chat Co' },
    }));
    const merged = mergeProfile([...livechat, { system: 'SALESFORCE', values: { phone: '+47 44 44 44 44', company: 'Crm Co' } }]);
    expect(merged.find((m) => m.field === 'phone')).toMatchObject({ value: '+47 44 44 44 44', systems: ['SALESFORCE'], conflict: true });
    expect(merged.find((m) => m.field === 'phone')?.candidates).toEqual([
      { value: '+47 33 33 33 33', systems: ['LIVECHAT'] },
      { value: '+47 44 44 44 44', systems: ['SALESFORCE'] },
    ]);
    expect(merged.find((m) => m.field === 'company')?.value).toBe('Crm Co');
  });

  it('when a system with many records meets two systems that agree, then the two systems win', () => {
    const many: Source[] = Array.from({ length: 5 }, () => ({ system: 'SURVEYMONKEY', values: { lastName: 'Many' } }));
    const merged = field(
      [...many, { system: 'ADOBE_SIGN', values: { lastName: 'Two' } }, { system: 'LIVECHAT', values: { lastName: 'two' } }],
      'lastName',
    );
    expect(merged).toMatchObject({ value: 'Two', systems: ['ADOBE_SIGN', 'LIVECHAT'] });
  });

  it.each<[ProfileSystem]>([['MARKETO'], ['LIVECHAT'], ['SURVEYMONKEY'], ['ADOBE_SIGN'], ['GOOGLE_ANALYTICS']])(
    'when the CRM and %s disagree one to one, then the CRM wins whichever answers first',
    (other) => {
      for (const order of [
        [other, 'SALESFORCE'],
        ['SALESFORCE', other],
      ] as const) {
        const sources = order.map((system) => ({ system, values: { lastName: system === 'SALESFORCE' ? 'Crm' : 'Other' } }));
        expect(field(sources, 'lastName')).toMatchObject({ value: 'Crm', systems: ['SALESFORCE'], conflict: true });
      }
    },
  );

  it('when two-system camps tie, then the camp that includes the CRM wins, even against Marketo', () => {
    const merged = field(
      [
        { system: 'MARKETO', values: { company: 'Marketing Co' } },
        { system: 'ADOBE_SIGN', values: { company: 'Marketing Co' } },
        { system: 'LIVECHAT', values: { company: 'Crm Co' } },
        { system: 'SALESFORCE', values: { company: 'Crm Co' } },
      ],
      'company',
    );
    expect(merged).toMatchObject({ value: 'Crm Co', systems: ['LIVECHAT', 'SALESFORCE'] });
  });

  it('when neither camp has the CRM, then marketing automation, then Adobe Sign, SurveyMonkey, LiveChat, Google Analytics', () => {
    const order: ProfileSystem[] = ['MARKETO', 'ADOBE_SIGN', 'SURVEYMONKEY', 'LIVECHAT', 'GOOGLE_ANALYTICS'];
    order.forEach((winner, index) => {
      for (const loser of order.slice(index + 1)) {
        for (const pair of [
          [winner, loser],
          [loser, winner],
        ]) {
          const sources = pair.map((system) => ({ system, values: { firstName: system } }));
          expect({ winner, loser, value: field(sources, 'firstName')?.value }).toEqual({ winner, loser, value: winner });
        }
      }
    });
  });

  it('when values differ only in case, spacing or phone punctuation, then it is no conflict and the first spelling is shown', () => {
    const merged = mergeProfile([
      {
        system: 'SALESFORCE',
        values: { email: 'Mixed.Case@Example.com', phone: '+47 91 23 45 67', lastName: 'Østby', company: 'Big  School' },
      },
      {
        system: 'MARKETO',
        values: { email: 'mixed.case@example.com', phone: '0047 91234567', lastName: ' østby ', company: 'big school' },
      },
    ]);
    expect(merged.filter((m) => m.conflict)).toEqual([]);
    expect(merged.map((m) => [m.field, m.value, m.systems])).toEqual([
      ['email', 'Mixed.Case@Example.com', ['SALESFORCE', 'MARKETO']],
      ['firstName', null, []],
      ['lastName', 'Østby', ['SALESFORCE', 'MARKETO']],
      ['phone', '+47 91 23 45 67', ['SALESFORCE', 'MARKETO']],
      ['company', 'Big  School', ['SALESFORCE', 'MARKETO']],
    ]);
  });

  it('when a value is kept, then its surrounding spaces are trimmed; blank values count for nothing', () => {
    const merged = field(
      [
        { system: 'MARKETO', values: { company: '   ' } },
        { system: 'LIVECHAT', values: { company: null } },
        { system: 'SURVEYMONKEY', values: { company: '' } },
        { system: 'ADOBE_SIGN', values: { company: '  Solo AS ' } },
      ],
      'company',
    );
    expect(merged).toEqual({
      field: 'company',
      value: 'Solo AS',
      systems: ['ADOBE_SIGN'],
      candidates: [{ value: 'Solo AS', systems: ['ADOBE_SIGN'] }],
      conflict: false,
    });
  });

  it('when values are compared, then the key ignores case, spacing, Unicode composition and phone punctuation', () => {
    expect(sameValueKey('phone', '+47 (91) 23-45-67')).toBe('4791234567');
    expect(sameValueKey('phone', '0047 91 23 45 67')).toBe('4791234567');
    expect(sameValueKey('phone', '47 00 12')).toBe('470012');
    expect(sameValueKey('lastName', '  Ann   Lee\t')).toBe('ann lee');
    expect(sameValueKey('lastName', 'Jose\u0301')).toBe(sameValueKey('lastName', 'José'));
    expect(sameValueKey('company', '0047 X')).toBe('0047 x');
  });

  it('when no system holds a field, then its value is null with no systems', () => {
    expect(mergeProfile([])).toEqual(
      ['email', 'firstName', 'lastName', 'phone', 'company'].map((name) => ({
        field: name,
        value: null,
        systems: [],
        candidates: [],
        conflict: false,
      })),
    );
  });

  it('when a vendor record is read, then exactly its five profile values are taken', () => {
    const record = {
      system: 'SALESFORCE',
      kind: 'CRM_CONTACT',
      externalId: '003',
      email: 'a@b.co',
      firstName: 'A',
      lastName: 'B',
      phone: '1',
      company: 'C',
      extra: 'x',
    } as unknown as PersonRecord;
    expect(valuesOfRecord(record)).toEqual({ email: 'a@b.co', firstName: 'A', lastName: 'B', phone: '1', company: 'C' });
  });
});
