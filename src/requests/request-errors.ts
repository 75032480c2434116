/**
 * The engine's refusals, free of GraphQL: the resolvers turn them into BAD_USER_INPUT naming
 * `field`. Messages name no person.
 */
export class RequestInputError extends Error {
  override readonly name = 'RequestInputError';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export class RequestNotFoundError extends RequestInputError {
  constructor(field: string, what: string) {
    super(field, `no ${what} with this id`);
  }
}
