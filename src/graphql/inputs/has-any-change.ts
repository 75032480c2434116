import { registerDecorator, type ValidationOptions } from 'class-validator';

const CHANGE_FIELDS = ['email', 'firstName', 'lastName', 'phone'] as const;

/** Whether a changes object sets at least one field (null and absent both mean "unchanged"). */
export function hasAnyChange(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Partial<Record<(typeof CHANGE_FIELDS)[number], unknown>>;
  return CHANGE_FIELDS.some((field) => fields[field] !== undefined && fields[field] !== null);
}

/** A rectification must change something: refused naming `changes` otherwise. */
export function HasAnyChange(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'hasAnyChange',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `must set at least one of ${CHANGE_FIELDS.join(', ')}`, ...options },
      validator: { validate: hasAnyChange },
    });
  };
}
