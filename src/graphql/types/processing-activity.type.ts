import { Field, ObjectType } from 'type-graphql';
import type { Channel as ChannelValue, LegalBasis as LegalBasisValue, Purpose as PurposeValue } from '../../policy/vocabulary';
import { Channel, LegalBasis, Purpose, SourceSystem } from '../enums';

@ObjectType({ description: "One row of the policy's chart: a collection channel, its purposes, use and legal basis." })
export class ProcessingActivity {
  @Field(() => Channel)
  channel!: ChannelValue;

  @Field({ description: "How the data is collected, in the policy's words." })
  collection!: string;

  @Field(() => [Purpose])
  purposes!: PurposeValue[];

  @Field({ description: 'How the data is used.' })
  use!: string;

  @Field(() => LegalBasis)
  legalBasis!: LegalBasisValue;

  @Field(() => [String], { description: 'Keys of the data categories collected.' })
  dataCategories!: string[];

  @Field(() => [SourceSystem], { description: 'Systems the data from this channel lands in.' })
  systems!: string[];
}
