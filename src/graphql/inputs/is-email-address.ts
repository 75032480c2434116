import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { emailProblem, type EmailProblem, MAX_EMAIL_LENGTH } from '../../domain/email';

// Messages name the problem, never the value (an email is personal data and the message is logged).
const MESSAGES: Record<EmailProblem, string> = {
  'too-long': `must be an email address of at most ${MAX_EMAIL_LENGTH} characters`,
  'unpaired-surrogate': 'must be well-formed Unicode (it holds an unpaired UTF-16 surrogate)',
  'control-character': 'must not contain control characters (NUL, C0 or C1)',
  'invisible-format': 'must not contain invisible formatting characters (bidi overrides or isolates, zero-width space, BOM)',
  'private-use': 'must not contain private-use characters',
  shape: `must be an email address (name@domain.tld, at most ${MAX_EMAIL_LENGTH} characters)`,
};

export function emailProblemMessage(value: unknown): string {
  return MESSAGES[typeof value === 'string' ? (emailProblem(value) ?? 'shape') : 'shape'];
}

/**
 * An email address once trimmed (the subject key is trimmed before it is matched), in well-formed
 * Unicode without control or invisible formatting characters: checked at the edge, before any SQL
 * or vendor call sees it.
 */
export function IsEmailAddress(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isEmailAddress',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && emailProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) => emailProblemMessage(args?.value),
      },
    });
  };
}
