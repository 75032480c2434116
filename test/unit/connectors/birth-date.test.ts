import { isoBirthDate, typedBirthDate } from '../../../src/connectors/birth-date';
import { birthDateAnswer } from '../../../src/connectors/surveymonkey/mapper';
import type { SmResponse } from '../../../src/connectors/surveymonkey/wire';

describe('birth dates in the common record', () => {
  it('when a vendor date field is read, then only a real YYYY-MM-DD day is kept', () => {
    expect(isoBirthDate('2008-02-29')).toBe('2008-02-29');
    expect(isoBirthDate(' 1990-12-31 ')).toBe('1990-12-31');
    expect(isoBirthDate('2009-02-29')).toBeNull(); // not a leap year
    expect(isoBirthDate('1990-13-01')).toBeNull();
    expect(isoBirthDate('1990-12-31T00:00:00Z')).toBeNull();
    expect(isoBirthDate('')).toBeNull();
    expect(isoBirthDate(null)).toBeNull();
    expect(isoBirthDate(19901231)).toBeNull();
  });

  it('when a typed answer is read, then its day order is the configured one and impossible days are null', () => {
    expect(typedBirthDate('03/04/2010', 'MM/DD/YYYY')).toBe('2010-03-04');
    expect(typedBirthDate('03/04/2010', 'DD/MM/YYYY')).toBe('2010-04-03');
    expect(typedBirthDate('3.4.2010', 'DD/MM/YYYY')).toBe('2010-04-03');
    expect(typedBirthDate('2010-04-03', 'MM/DD/YYYY')).toBe('2010-04-03');
    expect(typedBirthDate('31/01/2011', 'MM/DD/YYYY')).toBeNull();
    expect(typedBirthDate('sixteen', 'MM/DD/YYYY')).toBeNull();
    expect(typedBirthDate('01/31/11', 'MM/DD/YYYY')).toBeNull();
  });

  it('when a SurveyMonkey response is read, then the first dated answer under the configured heading counts, whatever its page', () => {
    const response: SmResponse = {
      id: '1',
      survey_id: '2',
      pages: [
        { id: 'p1', questions: [{ id: 'q1', heading: 'Any comments?', answers: [{ text: '01/02/2003' }] }] },
        {
          id: 'p2',
          questions: [
            {
              id: 'q2',
              heading: ' What is your date of birth? ',
              answers: [{ row_id: 'r', text: 'not sure' }, { simple_text: '12/24/2009' }],
            },
          ],
        },
      ],
    };
    const question = { heading: 'what is your date of birth?', format: 'MM/DD/YYYY' } as const;
    expect(birthDateAnswer(response, question)).toBe('2009-12-24');
    expect(birthDateAnswer(response, { ...question, heading: 'Age' })).toBeNull();
    expect(birthDateAnswer({ id: '1', survey_id: '2', pages: 'junk' }, question)).toBeNull();
  });
});
