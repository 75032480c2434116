import type { ValidationError } from 'class-validator';

export interface FieldProblem {
  field: string;
  problem: string;
}

/** Flattens class-validator's tree into `changes.email: must be an email address` entries. */
export function fieldProblems(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem: stripProperty(problem, error.property) }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

// class-validator messages start with the property name ("email must be an email"); we put the
// full path in front ourselves.
function stripProperty(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
