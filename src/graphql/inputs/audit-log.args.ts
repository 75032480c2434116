import { IsOptional } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { IsEmailAddress } from './is-email-address';
import { PageArgs } from './page.args';

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only entries about this subject.' })
  @IsOptional()
  @IsEmailAddress()
  subjectEmail?: string | null;
}
