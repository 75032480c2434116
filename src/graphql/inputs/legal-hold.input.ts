import { Field, InputType } from 'type-graphql';
import { IsEmailAddress } from './is-email-address';
import { IsReason } from './is-reason';

@InputType({ description: 'A legal hold: the law requires keeping the data, so erasures of the person wait.' })
export class LegalHoldInput {
  @Field()
  @IsEmailAddress()
  email!: string;

  @Field({ description: 'The legal ground (case, regulation): 1 to 500 characters.' })
  @IsReason()
  reason!: string;
}
