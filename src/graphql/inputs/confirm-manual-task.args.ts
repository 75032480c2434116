import { Length } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { IsCleanText } from './is-clean-text';
import { IsNotBlank } from './is-not-blank';
import { IsRequestId } from './is-request-id';
import { MAX_NOTE_LENGTH } from './request-text';

@ArgsType()
export class ConfirmManualTaskArgs {
  @Field(() => ID)
  @IsRequestId()
  taskId!: string;

  @Field({ description: 'What was done and where (ticket, reply from the processor): 1 to 1000 characters.' })
  @Length(1, MAX_NOTE_LENGTH)
  @IsNotBlank()
  @IsCleanText()
  note!: string;
}
