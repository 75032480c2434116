import { ArgsType, Field } from 'type-graphql';
import { IsEmailAddress } from './is-email-address';

@ArgsType()
export class SubjectArgs {
  @Field({ description: 'Matched trimmed and case-insensitively.' })
  @IsEmailAddress()
  email!: string;
}
