import { IsBoolean, IsIn, IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { CHANNELS, PURPOSES, type Channel as ChannelValue, type Purpose as PurposeValue } from '../../policy/vocabulary';
import { Channel, Purpose } from '../enums';
import { IsCleanText } from './is-clean-text';
import { IsEmailAddress } from './is-email-address';

@InputType({ description: "A consent (or other lawful ground) given through one of the register's channels." })
export class RecordConsentInput {
  @Field()
  @IsEmailAddress()
  email!: string;

  @Field(() => Purpose)
  @IsIn(PURPOSES)
  purpose!: PurposeValue;

  @Field(() => Channel)
  @IsIn(CHANNELS)
  channel!: ChannelValue;

  @Field(() => String, { nullable: true, description: "What proves it: required when the channel's legal basis is CONSENT." })
  @IsOptional()
  @MaxLength(2000)
  @IsCleanText()
  evidence?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The person was erased and has come back, consenting anew: required to record a consent for an erased email.',
  })
  @IsOptional()
  @IsBoolean()
  cameBack?: boolean | null;
}
