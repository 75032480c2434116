import { Field, ObjectType } from 'type-graphql';
import type { Channel as ChannelValue, LegalBasis as LegalBasisValue, Purpose as PurposeValue } from '../../policy/vocabulary';
import { Channel, LegalBasis, Purpose, SourceSystem } from '../enums';

@ObjectType({ description: 'The balancing test that makes a legitimate interest lawful (GDPR Art. 6(1)(f)), in three factors.' })
export class LegitimateInterestBalancing {
  @Field({ description: "Why the controller's interest is significant compared to the impact on the person's privacy." })
  interest!: string;

  @Field({ description: 'Why the person can reasonably expect this processing.' })
  reasonableExpectation!: string;

  @Field({ description: 'Why the same cannot be achieved without processing the data.' })
  necessity!: string;
}

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

  @Field(() => LegitimateInterestBalancing, {
    nullable: true,
    description: 'The balancing test, present exactly when the legal basis is LEGITIMATE_INTEREST.',
  })
  legitimateInterestBalancing?: LegitimateInterestBalancing;

  @Field(() => [String], { description: 'Keys of the data categories collected.' })
  dataCategories!: string[];

  @Field(() => [SourceSystem], { description: 'Systems the data from this channel lands in.' })
  systems!: string[];
}
