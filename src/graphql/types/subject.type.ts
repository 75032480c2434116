import { Field, ObjectType } from 'type-graphql';
import type { SubjectEntity } from '../../store/entities/subject.entity';

@ObjectType({ description: 'One person, as the gateway and every connected system know them.' })
export class Subject {
  @Field({ description: 'The normalised email (trimmed, lower-case): the subject\'s key.' })
  email!: string;

  @Field(() => String, { nullable: true })
  firstName!: string | null;

  @Field(() => String, { nullable: true })
  lastName!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  /** Private: the local row, when the gateway itself holds one. */
  local!: SubjectEntity | null;
}

export function subjectFromLocal(entity: SubjectEntity): Subject {
  return Object.assign(new Subject(), {
    email: entity.emailNormalised,
    firstName: entity.firstName,
    lastName: entity.lastName,
    phone: entity.phone,
    local: entity,
  });
}
