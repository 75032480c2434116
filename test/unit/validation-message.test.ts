import type { ValidationError } from 'class-validator';
import { fieldProblems } from '../../src/graphql/errors/validation-message';

describe('validation messages', () => {
  it('when a nested input field is invalid, then the problem names its full path', () => {
    const errors: ValidationError[] = [
      { property: 'email', constraints: { isEmailAddress: 'email must be an email address' }, children: [] },
      {
        property: 'changes',
        children: [{ property: 'email', constraints: { isEmailAddress: 'email must be an email address' }, children: [] }],
      },
    ];
    expect(fieldProblems(errors)).toEqual([
      { field: 'email', problem: 'must be an email address' },
      { field: 'changes.email', problem: 'must be an email address' },
    ]);
  });
});
