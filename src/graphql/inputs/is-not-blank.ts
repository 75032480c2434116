import { Matches, type ValidationOptions } from 'class-validator';

/** Text with something other than white space in it: a reason or a name of spaces says nothing. */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return Matches(/\S/u, { message: 'must not be blank', ...options });
}
