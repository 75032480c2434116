import { ArgsType, Field, ID, Int } from 'type-graphql';
import { IsReason } from './is-reason';
import { IsRequestId } from './is-request-id';

@ArgsType()
export class ExtendDeadlineArgs {
  @Field(() => ID)
  @IsRequestId()
  id!: string;

  // The engine decides the range (1 or 2, once: GDPR Art. 12(3)) and names `months` when refused.
  @Field(() => Int, { description: 'Months to add: 1 or 2, once per request (GDPR Art. 12(3)).' })
  months!: number;

  @Field({ description: 'Why more time is needed (told to the person): 1 to 500 characters.' })
  @IsReason()
  reason!: string;
}
