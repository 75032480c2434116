import { Field, Int, ObjectType } from 'type-graphql';
import type { Channel as ChannelValue, LegalBasis as LegalBasisValue, Purpose as PurposeValue } from '../../policy/vocabulary';
import type { ConsentAction as ConsentActionValue } from '../../domain/vocabulary';
import { Channel, ConsentAction, LegalBasis, Purpose } from '../enums';

@ObjectType({ description: 'One entry of the consent ledger (grants and withdrawals; never rewritten).' })
export class ConsentRecord {
  @Field(() => Int)
  id!: number;

  @Field(() => Purpose)
  purpose!: PurposeValue;

  @Field(() => Channel, { nullable: true, description: 'The chart row it came through; null on withdrawals.' })
  channel!: ChannelValue | null;

  @Field(() => LegalBasis, { description: 'Taken from the register for the channel.' })
  legalBasis!: LegalBasisValue;

  @Field(() => ConsentAction)
  action!: ConsentActionValue;

  @Field(() => String, { nullable: true, description: 'What proves it: the form, page, wording shown, ticket.' })
  evidence!: string | null;

  @Field({ description: 'Audit label of who recorded it (role and token fingerprint).' })
  actor!: string;

  @Field()
  recordedAt!: Date;
}
