import { IsDefined, IsOptional, Length, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsCleanText } from './is-clean-text';
import { IsEmailAddress } from './is-email-address';
import { IsNotBlank } from './is-not-blank';
import { IsPhoneNumber } from './is-phone-number';
import { MAX_NAME_LENGTH } from './request-text';
import { HasAnyChange } from './has-any-change';

@InputType({ description: 'The corrected values; at least one.' })
export class SubjectChangesInput {
  @Field(() => String, { nullable: true, description: 'The new email address.' })
  @IsOptional()
  @IsEmailAddress()
  email?: string | null;

  @Field(() => String, { nullable: true, description: '1 to 100 characters.' })
  @IsOptional()
  @Length(1, MAX_NAME_LENGTH)
  @IsNotBlank()
  @IsCleanText()
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: '1 to 100 characters.' })
  @IsOptional()
  @Length(1, MAX_NAME_LENGTH)
  @IsNotBlank()
  @IsCleanText()
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: 'Digits, spaces and + - ( ) . only; at most 40 characters.' })
  @IsOptional()
  @IsPhoneNumber()
  phone?: string | null;
}

@InputType({ description: 'Correct a person everywhere the gateway reaches (GDPR Art. 16).' })
export class RectifySubjectInput {
  @Field()
  @IsEmailAddress()
  email!: string;

  @Field(() => SubjectChangesInput)
  @IsDefined()
  @HasAnyChange()
  @ValidateNested()
  changes!: SubjectChangesInput;
}
