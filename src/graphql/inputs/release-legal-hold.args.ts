import { ArgsType, Field } from 'type-graphql';
import { IsEmailAddress } from './is-email-address';
import { IsReason } from './is-reason';

@ArgsType()
export class ReleaseLegalHoldArgs {
  @Field()
  @IsEmailAddress()
  email!: string;

  @Field({ description: 'Why the hold ends: 1 to 500 characters.' })
  @IsReason()
  reason!: string;
}
