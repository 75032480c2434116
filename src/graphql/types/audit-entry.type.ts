import { Field, Int, ObjectType } from 'type-graphql';
import { AuditOutcome } from '../enums';

@ObjectType({ description: 'Who read or changed what, when, and how it ended.' })
export class AuditEntry {
  @Field(() => Int)
  id!: number;

  @Field()
  at!: Date;

  @Field({ description: 'Role and token fingerprint of the caller (never the token).' })
  actor!: string;

  @Field()
  role!: string;

  @Field({ description: 'The GraphQL field called.' })
  operation!: string;

  @Field(() => String, { nullable: true, description: "Keyed hash of the subject's email (the log keeps no email in clear)." })
  subjectKey!: string | null;

  @Field(() => AuditOutcome)
  outcome!: string;

  @Field()
  requestId!: string;

  @Field(() => String, { nullable: true })
  detail!: string | null;
}
