import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import type { RequestStatus as RequestStatusValue, RequestType as RequestTypeValue } from '../../domain/request-statuses';
import { RequestStatus, RequestType } from '../enums';
import { IsCleanText } from './is-clean-text';
import { MAX_PAGE_SIZE } from './page.args';
import { MAX_CURSOR_LENGTH } from './request-text';

@ArgsType()
export class PrivacyRequestsArgs {
  @Field(() => RequestStatus, { nullable: true })
  status?: RequestStatusValue | null;

  @Field(() => RequestType, { nullable: true })
  type?: RequestTypeValue | null;

  @Field(() => Boolean, { nullable: true, description: 'Only requests past due (true) or not (false).' })
  overdue?: boolean | null;

  @Field(() => Int, { nullable: true, defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @MaxLength(MAX_CURSOR_LENGTH)
  @IsCleanText()
  after?: string | null;
}
