import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root, UseMiddleware } from 'type-graphql';
import { sourcesForField } from './source-reads';
import type { RecordKind as RecordKindValue } from '../../connectors/connector.types';
import { mergeProfile, valuesOfRecord, type MergedField, type ProfileField } from '../../federation/merge-profile';
import { recordsOf, type SourceResult } from '../../federation/source-result';
import type { GatewayContext } from '../context';
import { SourceSystem } from '../enums';
import { FieldProvenance } from '../types/field-provenance.type';
import { ReportUpstreamGaps } from '../upstream/upstream-gaps';
import { SourceRecord } from '../types/source-record.type';
import { Subject } from '../types/subject.type';
import { VendorRecord } from '../types/vendor-record.type';
import { localSource, toSourceRecord, toVendorRecord } from './source-mapping';

async function merged(subject: Subject, context: GatewayContext): Promise<MergedField[]> {
  const sources = await context.federation.sourcesFor(subject.email);
  const local = subject.local
    ? [
        {
          system: 'LOCAL' as const,
          values: {
            email: subject.local.email,
            firstName: subject.local.firstName,
            lastName: subject.local.lastName,
            phone: subject.local.phone,
          },
        },
      ]
    : [];
  const vendors = sources.flatMap((source) =>
    recordsOf(source).map((record) => ({ system: source.system, values: valuesOfRecord(record) })),
  );
  return mergeProfile([...local, ...vendors]);
}

async function mergedValue(subject: Subject, context: GatewayContext, field: ProfileField): Promise<string | null> {
  return (await merged(subject, context)).find((entry) => entry.field === field)?.value ?? null;
}

async function recordsOfKind(subject: Subject, context: GatewayContext, kinds: readonly RecordKindValue[]): Promise<VendorRecord[]> {
  const sources: SourceResult[] = await context.federation.sourcesFor(subject.email);
  return sources
    .flatMap(recordsOf)
    .filter((record) => kinds.includes(record.kind))
    .map(toVendorRecord);
}

/**
 * The federated side of a subject: merged fields with provenance, sources, per-system views. Every
 * field here reports the failed systems it depends on (ReportUpstreamGaps), so none is silently partial.
 */
@Resolver(() => Subject)
@UseMiddleware(ReportUpstreamGaps)
export class SubjectProfileResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: "Merged: the gateway's own value, else the one most systems agree on (see provenance).",
  })
  firstName(@Root() subject: Subject, @Ctx() context: GatewayContext): Promise<string | null> {
    return mergedValue(subject, context, 'firstName');
  }

  @FieldResolver(() => String, { nullable: true, description: 'Merged (see provenance).' })
  lastName(@Root() subject: Subject, @Ctx() context: GatewayContext): Promise<string | null> {
    return mergedValue(subject, context, 'lastName');
  }

  @FieldResolver(() => String, { nullable: true, description: 'Merged (see provenance).' })
  phone(@Root() subject: Subject, @Ctx() context: GatewayContext): Promise<string | null> {
    return mergedValue(subject, context, 'phone');
  }

  @FieldResolver(() => String, { nullable: true, description: 'Merged (see provenance).' })
  company(@Root() subject: Subject, @Ctx() context: GatewayContext): Promise<string | null> {
    return mergedValue(subject, context, 'company');
  }

  @FieldResolver(() => [FieldProvenance], { description: 'For each merged field: the value shown, who holds it, and conflicting values.' })
  provenance(@Root() subject: Subject, @Ctx() context: GatewayContext): Promise<FieldProvenance[]> {
    return merged(subject, context);
  }

  @FieldResolver(() => [SourceSystem], { description: 'Systems where the subject has opted out of marketing.' })
  async marketingOptOuts(@Root() subject: Subject, @Ctx() context: GatewayContext): Promise<string[]> {
    const sources = await context.federation.sourcesFor(subject.email);
    return sources.filter((source) => recordsOf(source).some((record) => record.optedOut === true)).map((source) => source.system);
  }

  @FieldResolver(() => [SourceRecord], { description: 'One entry per system (LOCAL first): FOUND, NOT_FOUND, ERROR or SKIPPED.' })
  async sources(@Root() subject: Subject, @Ctx() context: GatewayContext, @Info() info: GraphQLResolveInfo): Promise<SourceRecord[]> {
    const results = await sourcesForField(context.federation, subject.email, info);
    return [localSource(subject.local), ...results.map((result) => toSourceRecord(result, results))];
  }

  @FieldResolver(() => [VendorRecord], { description: 'CRM records (Salesforce Contacts and Leads).' })
  crmRecords(@Root() subject: Subject, @Ctx() context: GatewayContext): Promise<VendorRecord[]> {
    return recordsOfKind(subject, context, ['CRM_CONTACT', 'CRM_LEAD']);
  }

  @FieldResolver(() => [VendorRecord], { description: 'The marketing-automation lead (Marketo).' })
  marketingLeads(@Root() subject: Subject, @Ctx() context: GatewayContext): Promise<VendorRecord[]> {
    return recordsOfKind(subject, context, ['MARKETING_LEAD']);
  }

  @FieldResolver(() => [VendorRecord], { description: 'Chat customers and chat threads (LiveChat).' })
  chats(@Root() subject: Subject, @Ctx() context: GatewayContext): Promise<VendorRecord[]> {
    return recordsOfKind(subject, context, ['CHAT_CUSTOMER', 'CHAT']);
  }

  @FieldResolver(() => [VendorRecord], { description: 'Survey contacts and responses (SurveyMonkey).' })
  surveyResponses(@Root() subject: Subject, @Ctx() context: GatewayContext): Promise<VendorRecord[]> {
    return recordsOfKind(subject, context, ['SURVEY_CONTACT', 'SURVEY_RESPONSE']);
  }

  @FieldResolver(() => [VendorRecord], { description: 'Signing users and agreements the subject took part in (Adobe Sign).' })
  agreements(@Root() subject: Subject, @Ctx() context: GatewayContext): Promise<VendorRecord[]> {
    return recordsOfKind(subject, context, ['SIGN_USER', 'AGREEMENT']);
  }
}
