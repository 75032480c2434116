import { Field, ObjectType } from 'type-graphql';
import { SourceSystem } from '../enums';

@ObjectType({ description: 'One distinct value of a field and the systems that hold it.' })
export class FieldCandidate {
  @Field()
  value!: string;

  @Field(() => [SourceSystem])
  systems!: string[];
}

@ObjectType({ description: "Where a merged field's value came from, and whether systems disagree." })
export class FieldProvenance {
  @Field({ description: 'email, firstName, lastName, phone or company.' })
  field!: string;

  @Field(() => String, { nullable: true })
  value!: string | null;

  @Field(() => [SourceSystem], { description: 'Systems holding the value shown.' })
  systems!: string[];

  @Field({ description: 'True when systems hold different values (differences of case, spacing or phone punctuation do not count).' })
  conflict!: boolean;

  @Field(() => [FieldCandidate])
  candidates!: FieldCandidate[];
}
