import { ArgsType, Field, ID } from 'type-graphql';
import { IsRequestId } from './is-request-id';

@ArgsType()
export class RequestIdArgs {
  @Field(() => ID)
  @IsRequestId()
  id!: string;
}
