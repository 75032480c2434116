import { IsIn, IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { PURPOSES, type Purpose as PurposeValue } from '../../policy/vocabulary';
import { Purpose } from '../enums';
import { IsCleanText } from './is-clean-text';
import { IsEmailAddress } from './is-email-address';

@InputType({ description: 'Withdraws the consent in force for one purpose; earlier processing stays lawful.' })
export class WithdrawConsentInput {
  @Field()
  @IsEmailAddress()
  email!: string;

  @Field(() => Purpose)
  @IsIn(PURPOSES)
  purpose!: PurposeValue;

  @Field(() => String, { nullable: true, description: 'How the withdrawal reached us (email, unsubscribe link, call).' })
  @IsOptional()
  @MaxLength(2000)
  @IsCleanText()
  evidence?: string | null;
}
