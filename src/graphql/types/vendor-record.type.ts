import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { IdentifierType as IdentifierTypeValue, RecordKind as RecordKindValue } from '../../connectors/connector.types';
import { enumObject } from '../../policy/vocabulary';
import { SourceSystem } from '../enums';

export const RecordKind = enumObject([
  'CRM_CONTACT',
  'CRM_LEAD',
  'MARKETING_LEAD',
  'CHAT_CUSTOMER',
  'CHAT',
  'SURVEY_CONTACT',
  'SURVEY_RESPONSE',
  'SIGN_USER',
  'AGREEMENT',
] as const);
registerEnumType(RecordKind, { name: 'RecordKind', description: 'What kind of vendor object a record is.' });

export const IdentifierType = enumObject(['GA_CLIENT_ID', 'LIVECHAT_CUSTOMER_ID', 'SALESFORCE_ID', 'MARKETO_LEAD_ID'] as const);
registerEnumType(IdentifierType, { name: 'IdentifierType', description: 'Identifiers other than email that systems record.' });

@ObjectType()
export class ExternalIdentifier {
  @Field(() => IdentifierType)
  type!: IdentifierTypeValue;

  @Field()
  value!: string;
}

@ObjectType({ description: "One vendor record about the subject in a common shape, with the vendor's own record in `raw`." })
export class VendorRecord {
  @Field(() => SourceSystem)
  system!: string;

  @Field(() => RecordKind)
  kind!: RecordKindValue;

  @Field({ description: "The vendor's id of the record." })
  externalId!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  firstName!: string | null;

  @Field(() => String, { nullable: true })
  lastName!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  company!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Opted out of marketing in this system; null when it has no such flag.' })
  optedOut!: boolean | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 time of the last activity the system knows of.' })
  lastActivityAt!: string | null;

  @Field(() => [ExternalIdentifier])
  identifiers!: ExternalIdentifier[];

  @Field(() => GraphQLJSONObject)
  raw!: Record<string, unknown>;
}
