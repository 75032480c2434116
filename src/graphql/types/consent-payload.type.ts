import { Field, ObjectType } from 'type-graphql';
import { ConsentRecord } from './consent.type';
import { Subject } from './subject.type';

@ObjectType({ description: 'The ledger entry just appended and the subject it belongs to.' })
export class ConsentPayload {
  @Field(() => Subject)
  subject!: Subject;

  @Field(() => ConsentRecord)
  entry!: ConsentRecord;
}
