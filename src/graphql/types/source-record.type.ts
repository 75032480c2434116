import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { SourceStatus, SourceSystem, type SourceStatus as SourceStatusValue, type SourceSystem as SourceSystemValue } from '../enums';
import { VendorRecord } from './vendor-record.type';

@ObjectType({ description: 'What one system holds about the subject, or why we cannot tell.' })
export class SourceRecord {
  @Field(() => SourceSystem)
  system!: SourceSystemValue;

  @Field(() => SourceStatus)
  status!: SourceStatusValue;

  @Field(() => [String], { description: "The system's own ids of the records found." })
  externalIds!: string[];

  @Field(() => [GraphQLJSONObject], { description: "The records found, in the system's own field names." })
  data!: Array<Record<string, unknown>>;

  @Field(() => [VendorRecord], { description: 'The records found, in the common shape.' })
  records!: VendorRecord[];

  @Field(() => String, { nullable: true, description: 'Why the system could not answer (status ERROR or SKIPPED).' })
  error!: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the answer came from the local index of who a vendor that cannot be asked in batches holds (SurveyMonkey, LiveChat, Adobe Sign): the time of its last complete scan. The index answers FOUND (with externalIds) or NOT_FOUND without a vendor call when neither data nor records is selected; selecting them reads the holders live. Null for a live read (subject(email:, fresh: true) always reads live).',
  })
  asOf?: Date | null;
}
