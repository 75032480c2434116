import { Field, InputType } from 'type-graphql';
import { IsEmailAddress } from './is-email-address';
import { IsReason } from './is-reason';

@InputType({ description: 'Erase a person everywhere the gateway reaches (GDPR Art. 17).' })
export class EraseSubjectInput {
  @Field()
  @IsEmailAddress()
  email!: string;

  @Field({ description: 'Why (the request as received, the ticket): 1 to 500 characters.' })
  @IsReason()
  reason!: string;
}
