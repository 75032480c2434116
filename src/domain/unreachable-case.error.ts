/**
 * Thrown where every case of a union has been handled, so the value left is `never`. The compiler
 * rejects the call as soon as a new member is added to the union and some switch forgets it; at
 * run time it only fires when a value arrived that the types said could not exist (e.g. a row
 * written by a newer version), and says which one.
 */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
    this.name = 'UnreachableCaseError';
  }
}
