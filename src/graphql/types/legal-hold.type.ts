import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A legal hold on a person: while active, their erasures wait (BLOCKED).' })
export class LegalHold {
  @Field()
  reason!: string;

  @Field({ description: 'Audit label of who placed it.' })
  placedBy!: string;

  @Field()
  placedAt!: Date;

  @Field(() => Date, { nullable: true })
  releasedAt!: Date | null;

  @Field(() => String, { nullable: true })
  releasedBy!: string | null;

  @Field(() => String, { nullable: true })
  releaseReason!: string | null;

  @Field()
  active!: boolean;

  @Field(() => [ID], { description: 'Open erasures the hold blocked (when placed) or released (when lifted).' })
  affectedRequestIds!: string[];
}
