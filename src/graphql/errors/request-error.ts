import { RequestInputError } from '../../requests/request-errors';
import { BadUserInputError } from './bad-user-input.error';

/**
 * Calls the request engine and turns its refusals (bad input, unknown id: RequestNotFoundError is
 * one) into BAD_USER_INPUT naming the field; anything else stays as thrown (masked by formatError).
 */
export async function engineCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RequestInputError) throw new BadUserInputError(error.field, error.message);
    throw error;
  }
}
