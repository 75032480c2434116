import { Field, Int, ObjectType } from 'type-graphql';
import type { Purpose as PurposeValue } from '../../policy/vocabulary';
import { Purpose } from '../enums';

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

  @Field(() => RetentionRules)
  retention!: RetentionRules;

  @Field(() => [String], { description: 'The rights a person has under the policy.' })
  rights!: string[];

  @Field(() => Int, { description: 'Every request is answered within this many months.' })
  responseDeadlineMonths!: number;
}
