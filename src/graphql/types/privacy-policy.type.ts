import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  COLLECTION_SOURCES,
  enumObject,
  type CollectionSource as CollectionSourceValue,
  type Purpose as PurposeValue,
} from '../../policy/vocabulary';
import { Purpose } from '../enums';

export const CollectionSource = enumObject(COLLECTION_SOURCES);
registerEnumType(CollectionSource, {
  name: 'CollectionSource',
  description: "How personal data reaches the controller: one value per item of the policy's list.",
});

@ObjectType()
export class PurposeDescription {
  @Field(() => Purpose)
  key!: PurposeValue;

  @Field()
  description!: string;

  @Field({ description: 'Direct marketing: withdrawing consent to it also opts the person out where the systems can.' })
  directMarketing!: boolean;
}

@ObjectType()
export class DataCategory {
  @Field()
  key!: string;

  @Field()
  description!: string;
}

@ObjectType()
export class CollectionSourceDescription {
  @Field(() => CollectionSource)
  key!: CollectionSourceValue;

  @Field()
  description!: string;
}

@ObjectType({ description: 'Someone who receives personal data but is not a processor, such as an advertising network.' })
export class ThirdPartyRecipient {
  @Field()
  key!: string;

  @Field()
  name!: string;

  @Field({ description: 'Why the recipient gets the data.' })
  purpose!: string;

  @Field({ description: 'What the recipient gets.' })
  dataShared!: string;

  @Field({ description: "The recipient may keep the data under its own privacy policy, beyond the controller's deletion." })
  ownPolicyApplies!: boolean;

  @Field(() => String, { nullable: true, description: "The recipient's own privacy policy." })
  policyUrl!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType({ description: 'Retention rules of the policy.' })
export class RetentionRules {
  @Field(() => Int, { description: 'Data is deleted after this many months without activity, interest, intent or need.' })
  inactivityMonths!: number;

  @Field(() => Int, { description: 'Data of people younger than this is deleted at once.' })
  minimumAgeYears!: number;

  @Field()
  underageAction!: string;

  @Field({ description: 'Data is kept longer only when the law requires it.' })
  legalRetentionOverrides!: boolean;
}

@ObjectType({ description: 'The policy the gateway serves, as loaded from the register.' })
export class PrivacyPolicy {
  @Field()
  title!: string;

  @Field()
  postedOn!: string;

  @Field()
  updatedOn!: string;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => [PurposeDescription])
  purposes!: PurposeDescription[];

  @Field(() => [DataCategory])
  dataCategories!: DataCategory[];

  @Field(() => [CollectionSourceDescription], { description: 'How personal data reaches the controller.' })
  collectionSources!: CollectionSourceDescription[];

  @Field(() => [ThirdPartyRecipient], { description: 'Recipients that are not processors and may keep data under their own policies.' })
  thirdPartyRecipients!: ThirdPartyRecipient[];

  @Field(() => RetentionRules)
  retention!: RetentionRules;

  @Field(() => [String], { description: 'The rights a person has under the policy.' })
  rights!: string[];

  @Field(() => Int, { description: 'Every request is answered within this many months.' })
  responseDeadlineMonths!: number;
}
