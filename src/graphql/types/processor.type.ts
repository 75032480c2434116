import { Field, Int, ObjectType } from 'type-graphql';
import type { ProcessorKind as ProcessorKindValue, TransferMechanism as TransferMechanismValue } from '../../policy/vocabulary';
import { ProcessorKind, SourceSystem, TransferMechanism } from '../enums';

@ObjectType({ description: 'A processor from the register: who holds data on our behalf, where, under which safeguards.' })
export class Processor {
  @Field()
  key!: string;

  @Field()
  name!: string;

  @Field(() => ProcessorKind)
  kind!: ProcessorKindValue;

  @Field(() => SourceSystem, { nullable: true, description: 'The connected system it runs; null for consultants (no API).' })
  system!: string | null;

  @Field()
  role!: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166 code where the data resides; null when the policy does not say.' })
  country!: string | null;

  @Field(() => TransferMechanism)
  transferMechanism!: TransferMechanismValue;

  @Field()
  retention!: string;

  @Field(() => Int, { nullable: true })
  retentionMonths!: number | null;

  @Field(() => String, { nullable: true })
  dpaUrl!: string | null;
}
