import {
  anonymizedFields,
  asPersonRow,
  personFields,
  rectifyFields,
  toIso,
  toPersonRecord,
} from '../../../src/connectors/salesforce/mapper';

const contactRow = {
  attributes: { type: 'Contact', url: '/services/data/v60.0/sobjects/Contact/003Sb0000000001IAA' },
  Id: '003Sb0000000001IAA',
  FirstName: 'Ann',
  LastName: 'Lee',
  Email: 'Ann.Lee@Example.edu',
  Phone: null,
  MobilePhone: '+47 11 22 33 44',
  HasOptedOutOfEmail: true,
  Department: 'Bergen Upper Secondary',
  Birthdate: '1983-02-28',
  GA_Client_ID__c: '1234567890.1700000000',
  LastModifiedDate: '2024-05-20T20:49:32.000+0000',
  LastActivityDate: '2024-06-01',
};

describe('Salesforce mapper', () => {
  it('when a Contact row is mapped, then the common fields, identifiers and raw record are filled', () => {
    const row = asPersonRow(contactRow);
    expect(row).not.toBeNull();
    if (!row) return;
    const record = toPersonRecord(row, 'GA_Client_ID__c');
    expect(record).toEqual({
      system: 'SALESFORCE',
      kind: 'CRM_CONTACT',
      externalId: '003Sb0000000001IAA',
      email: 'Ann.Lee@Example.edu',
      firstName: 'Ann',
      lastName: 'Lee',
      phone: '+47 11 22 33 44',
      company: null,
      optedOut: true,
      lastActivityAt: '2024-06-01T00:00:00.000Z',
      birthDate: '1983-02-28',
      identifiers: [
        { type: 'SALESFORCE_ID', value: '003Sb0000000001IAA' },
        { type: 'GA_CLIENT_ID', value: '1234567890.1700000000' },
      ],
      raw: expect.objectContaining({ Id: '003Sb0000000001IAA', Department: 'Bergen Upper Secondary' }),
    });
    expect(record.raw).not.toHaveProperty('attributes');
  });

  it('when a Lead row is mapped without a GA field, then Company is the company and no GA id is exported', () => {
    const row = asPersonRow({
      attributes: { type: 'Lead' },
      Id: '00QSb0000000002IAA',
      LastName: 'X',
      Email: '',
      Company: 'Acme',
      HasOptedOutOfEmail: false,
      GA_Client_ID__c: '1.2',
      Birthdate: '1983-02-28', // not a Lead field: a Lead's birth date is never read
    });
    if (!row) throw new Error('row expected');
    const record = toPersonRecord(row, null);
    expect(record).toMatchObject({
      kind: 'CRM_LEAD',
      company: 'Acme',
      email: null,
      optedOut: false,
      lastActivityAt: null,
      birthDate: null,
    });
    expect(record.identifiers).toEqual([{ type: 'SALESFORCE_ID', value: '00QSb0000000002IAA' }]);
  });

  it('when a row is not a Contact or Lead, then it is not a person row', () => {
    expect(asPersonRow({ attributes: { type: 'Account' }, Id: '001x' })).toBeNull();
    expect(asPersonRow({ Id: '003x' })).toBeNull();
    expect(asPersonRow('nope')).toBeNull();
  });

  it('when Salesforce times are converted, then they become ISO-8601 UTC', () => {
    expect(toIso('2024-05-20T20:49:32.000+0000')).toBe('2024-05-20T20:49:32.000Z');
    expect(toIso('2024-05-20T22:49:32.000+0200')).toBe('2024-05-20T20:49:32.000Z');
    expect(toIso('2024-05-20')).toBe('2024-05-20T00:00:00.000Z');
    expect(toIso('garbage')).toBeNull();
  });

  it('when changes are mapped, then only the given fields are set, with Salesforce names', () => {
    expect(rectifyFields({ email: 'n@x.com', lastName: 'New' })).toEqual({ Email: 'n@x.com', LastName: 'New' });
    expect(rectifyFields({})).toEqual({});
  });

  it('when a record is anonymized, then personal fields are cleared and required ones get placeholders', () => {
    const lead = anonymizedFields('Lead', '00QSb0000000002IAA', 'GA_Client_ID__c');
    expect(lead).toMatchObject({
      FirstName: null,
      LastName: 'Erased',
      Company: 'Erased',
      Phone: null,
      GA_Client_ID__c: null,
      HasOptedOutOfEmail: true,
    });
    expect(lead.Email).toBe('erased.00qsb0000000002iaa@erased.invalid');
    expect(anonymizedFields('Contact', '003Sb0000000001IAA', null)).toMatchObject({ Department: null, Birthdate: null });
    expect(lead).not.toHaveProperty('Birthdate'); // not a Lead field: sending it would fail the PATCH
  });

  it('when person fields are listed, then Birthdate is read on Contact only', () => {
    expect(personFields('Contact', null)).toContain('Birthdate');
    expect(personFields('Lead', 'GA_Client_ID__c')).not.toContain('Birthdate');
  });
});
