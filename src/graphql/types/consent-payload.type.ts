import { Field, ObjectType } from 'type-graphql';
import { ConsentRecord } from './consent.type';
import { PrivacyRequest } from './privacy-request.type';
import { Subject } from './subject.type';

@ObjectType({ description: 'The ledger entry just appended, the subject it belongs to, and any privacy request it filed.' })
export class ConsentPayload {
  @Field(() => Subject)
  subject!: Subject;

  @Field(() => ConsentRecord)
  entry!: ConsentRecord;

  @Field(() => PrivacyRequest, {
    nullable: true,
    description: 'The CONSENT_WITHDRAWAL filed when a direct-marketing consent was withdrawn (opting the person out); else null.',
  })
  privacyRequest!: PrivacyRequest | null;
}
