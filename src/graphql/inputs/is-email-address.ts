import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isEmailAddress } from '../../domain/email';

/** An email address once trimmed (the subject key is trimmed before it is matched). */
export function IsEmailAddress(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isEmailAddress',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be an email address (name@domain.tld, at most 320 characters)', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isEmailAddress(value) },
    });
  };
}
