import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { RetentionPlan as RetentionPlanValue } from '../../requests/retention/retention.types';
import { audited, auditReads } from '../audit-trail';
import type { GatewayContext } from '../context';
import { RetentionPlan } from '../types/retention-plan.type';

/** Counts only, never a person: the audit detail of a plan read. */
function describePlan(plan: RetentionPlanValue): string {
  const { counts } = plan;
  return `people ${counts.people} erase ${counts.erase} chats ${counts.removeChats} held ${counts.held} unknown ${counts.unknown} gaps ${plan.gaps.length}`;
}

/** Retention as code: the plan the register's rules give over every connected system. */
@Resolver()
export class RetentionResolver {
  @Authorized('DPO')
  @Query(() => RetentionPlan, {
    description:
      'What retention would do now (people inactive past the rule, under age, chats past LiveChat retention), with evidence and gaps; changes nothing. Reads every connected system.',
  })
  retentionPlan(@Ctx() context: GatewayContext): Promise<RetentionPlan> {
    const plan = async (): Promise<RetentionPlanValue> => {
      const built = await context.services.retention.plan();
      // Every person the plan shows is a read of their data.
      await auditReads(
        context,
        'retentionPlan',
        built.entries.map((entry) => entry.email),
      );
      return built;
    };
    return audited(context, 'retentionPlan', null, plan, describePlan);
  }
}
