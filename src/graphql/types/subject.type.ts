import { Field, ObjectType } from 'type-graphql';
import type { SubjectEntity } from '../../store/entities/subject.entity';

@ObjectType({ description: 'One person, as the gateway and every connected system know them.' })
export class Subject {
  @Field({ description: "The normalised email (trimmed, lower-case): the subject's key." })
  email!: string;

  /** Private: the local row, when the gateway itself holds one. */
  local!: SubjectEntity | null;
}

export function subjectFromLocal(entity: SubjectEntity): Subject {
  return Object.assign(new Subject(), {
    email: entity.emailNormalised,
    local: entity,
  });
}

export function subjectFromEmail(email: string, local: SubjectEntity | null): Subject {
  return Object.assign(new Subject(), { email, local });
}
