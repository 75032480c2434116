import { registerDecorator, type ValidationOptions } from 'class-validator';
import { MAX_PHONE_LENGTH } from './request-text';

// What people write a phone number with (E.164 "+47 55 23 60 70", "(555) 010-9999", "0047.55.23"):
// digits, spaces and + - ( ) . only, with at least one digit. Vendors hold phone numbers as free
// text, so nothing stricter is assumed; letters, quotes and controls never belong in one.
const PHONE = /^[0-9 +\-().]*[0-9][0-9 +\-().]*$/;

export function isPhoneNumber(value: string): boolean {
  return value.length <= MAX_PHONE_LENGTH && PHONE.test(value);
}

/** A plausible phone number: digits, spaces and + - ( ) . only, at most 40 characters. */
export function IsPhoneNumber(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isPhoneNumber',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `must be a phone number of digits, spaces and + - ( ) . (at most ${MAX_PHONE_LENGTH} characters)`,
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && isPhoneNumber(value) },
    });
  };
}
