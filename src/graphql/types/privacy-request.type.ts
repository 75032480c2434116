import { Authorized, Field, ID, Int, ObjectType } from 'type-graphql';
import type { RequestStatus as RequestStatusValue, RequestType as RequestTypeValue } from '../../domain/request-statuses';
import type { PrivacyRequestView } from '../../requests/request.types';
import { RequestStatus, RequestType } from '../enums';
import { PrivacyTask } from './privacy-task.type';

@ObjectType({ description: 'A data-subject request as the DPO tracks it, with one task per (system, action).' })
export class PrivacyRequest {
  @Field(() => ID)
  id!: string;

  @Field(() => RequestType)
  type!: RequestTypeValue;

  @Field(() => RequestStatus)
  status!: RequestStatusValue;

  @Field(() => String, { nullable: true, description: 'Why it was filed, as the DPO wrote it.' })
  reason!: string | null;

  @Field({ description: 'Audit label of who filed it (role and token fingerprint).' })
  requestedBy!: string;

  @Field()
  receivedAt!: Date;

  @Field({ description: 'One calendar month after receipt, plus any extension (GDPR Art. 12(3)).' })
  dueAt!: Date;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field({ description: 'Not completed and past due, at the time of reading.' })
  overdue!: boolean;

  @Field(() => Int, { description: 'Months the deadline was extended by: 0, or 1 to 2 (once).' })
  extendedByMonths!: number;

  @Field(() => String, { nullable: true })
  extensionReason!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the request is BLOCKED (a legal hold), else null.' })
  blockedReason!: string | null;

  @Field(() => [PrivacyTask])
  tasks!: PrivacyTask[];

  // DPO only: a VIEWER asking gets FORBIDDEN on this field (audited) and null, the rest of the request as usual.
  @Authorized('DPO')
  @Field(() => String, {
    nullable: true,
    description:
      "A completed erasure's certificate: a compact JWS (EdDSA) that verifies against GET /.well-known/jwks.json. Null until completed. DPO only.",
  })
  certificate!: string | null;

  /** Private: the person's keyed hash, for the audit entries of reads; never a field. */
  subjectKey!: string;
}

/** The engine's view as the GraphQL object (the same fields; subjectKey stays unexposed). */
export function toPrivacyRequest(view: PrivacyRequestView): PrivacyRequest {
  return Object.assign(new PrivacyRequest(), view);
}
