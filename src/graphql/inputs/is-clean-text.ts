import { registerDecorator, type ValidationOptions } from 'class-validator';

// Free text (evidence, reasons) may hold tabs and line breaks, nothing else from Cc: NUL and the
// other C0/C1 controls have no place in a note and truncate strings in C libraries. An unpaired
// surrogate cannot be encoded as UTF-8: MariaDB and the HTTP client would store U+FFFD instead,
// silently changing what the DPO recorded. Bidi controls stay allowed here (right-to-left notes
// use isolates legitimately); only keys (emails) refuse them.
const FORBIDDEN_IN_TEXT = /[\p{Cs}]|(?![\t\n\r])\p{Cc}/u;

export function isCleanText(value: string): boolean {
  return !FORBIDDEN_IN_TEXT.test(value);
}

/** Free text in well-formed Unicode with no control characters other than tab and line breaks. */
export function IsCleanText(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCleanText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be well-formed Unicode text without control characters other than tab and line breaks', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isCleanText(value) },
    });
  };
}
