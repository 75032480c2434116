import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import type { ConnectedSystem } from '../../connectors/connector.types';
import { currentConsents } from '../../domain/consent-ledger';
import { normaliseEmail } from '../../domain/email';
import { noteResurfaced } from '../../requests/resurfacing/note-resurfaced';
import { auditReads } from '../audit-trail';
import { AuditInvalidInput } from '../audit-refusals';
import type { GatewayContext } from '../context';
import { connectionOf, decodeCursor } from '../cursor';
import { PageArgs } from '../inputs/page.args';
import { suppressionOf } from '../loaders/suppression-loader';
import { SubjectArgs } from '../inputs/subject.args';
import { SubjectConnection } from '../types/connections.type';
import { SourceSystem } from '../enums';
import { ConsentRecord } from '../types/consent.type';
import { Erasure } from '../types/erasure.type';
import { Subject, subjectFromEmail, subjectFromLocal } from '../types/subject.type';
import { pathOf, reportGaps, ReportUpstreamGaps } from '../upstream/upstream-gaps';

const SUBJECT_CURSOR = 'subject';

@Resolver(() => Subject)
@UseMiddleware(AuditInvalidInput)
export class SubjectResolver {
  @Authorized()
  @Query(() => Subject, {
    nullable: true,
    description:
      'One person by email (trimmed, case-insensitive) across the gateway and every connected system; null when none knows them and they were never erased.',
  })
  async subject(
    @Args() { email }: SubjectArgs,
    @Arg('fresh', () => Boolean, {
      defaultValue: false,
      description:
        "Ask SurveyMonkey, LiveChat and Adobe Sign live instead of the gateway's index of who they hold (spends SurveyMonkey's daily quota).",
    })
    fresh: boolean,
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Subject | null> {
    const key = normaliseEmail(email);
    if (fresh) context.federation.readLive(key);
    // The audit write runs while the vendors answer, so it adds no latency; a failed write still fails the read.
    const [local, sources, erased] = await Promise.all([
      context.services.subjects.findByEmail(key),
      // Whether anyone holds the person: the vendor index may answer for SurveyMonkey and LiveChat.
      context.federation.presenceFor(key),
      suppressionOf(context, key),
      auditReads(context, 'subject', [key]),
    ]);
    const known = sources.filter((source) => source.status === 'FOUND' || source.status === 'INDEXED');
    const unsure = sources.some((source) => source.status === 'ERROR');
    // An erased person is still answered: the gateway remembers the erasure (by hash), not them.
    if (erased) return subjectFromEmail(key, local);
    if (!local && known.length === 0 && !unsure) return null;
    // A system that could not answer may hold the person: answer the subject rather than "nobody",
    // and say that its existence rests on the failed systems (found elsewhere, it does not).
    if (!local && known.length === 0) reportGaps(context, sources, pathOf(info));
    return subjectFromEmail(key, local);
  }

  @Authorized()
  @Query(() => SubjectConnection, { description: 'Subjects the gateway holds, oldest first.' })
  async subjects(@Args() { first, after }: PageArgs, @Ctx() context: GatewayContext): Promise<SubjectConnection> {
    const afterId = decodeCursor(SUBJECT_CURSOR, after);
    const page = await context.services.subjects.page(first, afterId);
    await auditReads(
      context,
      'subjects',
      page.subjects.map((s) => s.emailNormalised),
    );
    const rows = page.subjects.map((entity) => ({ id: entity.id, node: subjectFromLocal(entity) }));
    return connectionOf(SUBJECT_CURSOR, rows, page.hasNextPage, afterId !== null);
  }

  @FieldResolver(() => [ConsentRecord], { description: 'Consents in force; with history: true, every ledger entry, oldest first.' })
  async consents(
    @Root() subject: Subject,
    @Arg('history', () => Boolean, { defaultValue: false }) history: boolean,
    @Ctx() context: GatewayContext,
  ): Promise<ConsentRecord[]> {
    if (!subject.local) return [];
    const entries = await context.loaders.consentsBySubjectId.load(subject.local.id);
    return history ? entries : currentConsents(entries);
  }

  @FieldResolver(() => Erasure, {
    nullable: true,
    description: 'The last erasure of this person (by hash of their email); null when never erased.',
  })
  async erasure(@Root() subject: Subject, @Ctx() context: GatewayContext): Promise<Erasure | null> {
    const suppression = await suppressionOf(context, subject.email);
    return suppression ? Object.assign(new Erasure(), { requestId: suppression.requestId, completedAt: suppression.erasedAt }) : null;
  }

  @FieldResolver(() => [SourceSystem], {
    description: 'For an erased person: the systems that hold them again (an import since the erasure); empty otherwise.',
  })
  @UseMiddleware(ReportUpstreamGaps)
  async resurfacedIn(@Root() subject: Subject, @Ctx() context: GatewayContext): Promise<ConnectedSystem[]> {
    const suppression = await suppressionOf(context, subject.email);
    if (!suppression) return [];
    const sources = await context.federation.sourcesFor(subject.email);
    const found = sources.filter((source) => source.status === 'FOUND').map((source) => source.system);
    if (found.length > 0) {
      const { suppressions, metrics, clock } = context.services;
      await noteResurfaced(suppressions, metrics, suppression.emailHash, found, clock.now());
    }
    return found;
  }
}
