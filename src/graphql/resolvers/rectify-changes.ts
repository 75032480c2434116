import type { RectifyChanges } from '../../connectors/connector.types';
import type { SubjectChangesInput } from '../inputs/rectify-subject.input';

/** The changes the engine writes: only the fields the caller set (null means "leave as is"), trimmed. */
export function rectifyChanges(input: SubjectChangesInput): RectifyChanges {
  const changes: RectifyChanges = {};
  if (input.email != null) changes.email = input.email.trim();
  if (input.firstName != null) changes.firstName = input.firstName.trim();
  if (input.lastName != null) changes.lastName = input.lastName.trim();
  if (input.phone != null) changes.phone = input.phone.trim();
  return changes;
}
