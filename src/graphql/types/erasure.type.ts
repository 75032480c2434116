import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The erasure the gateway remembers for a person (it keeps only a keyed hash of their email).' })
export class Erasure {
  @Field(() => ID, { description: 'The ERASURE request that completed last for this person.' })
  requestId!: string;

  @Field(() => Date)
  completedAt!: Date;
}
