import { mergeProfile, sameValueKey } from '../../../src/federation/merge-profile';

describe('merging a profile across systems', () => {
  it('when the gateway holds a value, then it wins even against a majority', () => {
    const merged = mergeProfile([
      { system: 'SALESFORCE', values: { firstName: 'Anne' } },
      { system: 'MARKETO', values: { firstName: 'Anne' } },
      { system: 'LOCAL', values: { firstName: 'Ann' } },
    ]);
    const first = merged.find((m) => m.field === 'firstName');
    expect(first).toMatchObject({ value: 'Ann', systems: ['LOCAL'], conflict: true });
    expect(first?.candidates).toHaveLength(2);
  });

  it('when systems disagree without a local value, then the majority wins, then the CRM', () => {
    const majority = mergeProfile([
      { system: 'SALESFORCE', values: { phone: '+47 11 11 11 11' } },
      { system: 'MARKETO', values: { phone: '+47 22 22 22 22' } },
      { system: 'LIVECHAT', values: { phone: '+4722222222' } },
    ]).find((m) => m.field === 'phone');
    expect(majority).toMatchObject({ value: '+47 22 22 22 22', systems: ['MARKETO', 'LIVECHAT'], conflict: true });
    const tie = mergeProfile([
      { system: 'LIVECHAT', values: { lastName: 'Lee' } },
      { system: 'SALESFORCE', values: { lastName: 'Li' } },
    ]).find((m) => m.field === 'lastName');
    expect(tie?.value).toBe('Li');
  });

  it('when values differ only in case, spacing or phone punctuation, then it is no conflict', () => {
    const merged = mergeProfile([
      { system: 'SALESFORCE', values: { email: 'Mixed.Case@Example.com', phone: '+47 91 23 45 67', lastName: 'Østby' } },
      { system: 'MARKETO', values: { email: 'mixed.case@example.com', phone: '0047 91234567', lastName: ' østby ' } },
    ]);
    expect(merged.filter((m) => m.conflict)).toEqual([]);
    expect(sameValueKey('phone', '+47 (91) 23-45-67')).toBe('4791234567');
  });

  it('when no system holds a field, then its value is null with no systems', () => {
    expect(mergeProfile([]).every((m) => m.value === null && m.systems.length === 0 && !m.conflict)).toBe(true);
  });
});
