import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context';
import { Controller } from '../types/controller.type';
import { ProcessingActivity } from '../types/processing-activity.type';
import { Processor } from '../types/processor.type';
import { PrivacyPolicy } from '../types/privacy-policy.type';

/** The register of processors and processing purposes: no personal data, any role may read. */
@Resolver()
export class RegisterResolver {
  @Authorized()
  @Query(() => Controller, { description: 'Who collects the data, and how to reach its DPO.' })
  controller(@Ctx() context: GatewayContext): Controller {
    return context.services.register.controller;
  }

  @Authorized()
  @Query(() => [Processor], { description: 'Every processor in the register, consultants included.' })
  processors(@Ctx() context: GatewayContext): Processor[] {
    return context.services.register.processors;
  }

  @Authorized()
  @Query(() => [ProcessingActivity], {
    description: "The policy's chart: channel, purposes, use, legal basis and, for a legitimate interest, its balancing test.",
  })
  processingActivities(@Ctx() context: GatewayContext): ProcessingActivity[] {
    return context.services.register.processingActivities;
  }

  @Authorized()
  @Query(() => PrivacyPolicy, {
    description: 'The policy itself: purposes, data categories, collection sources, third-party recipients, retention and rights.',
  })
  privacyPolicy(@Ctx() context: GatewayContext): PrivacyPolicy {
    const { policy, purposes, dataCategories, collectionSources, thirdPartyRecipients, retention, rights } = context.services.register;
    return {
      ...policy,
      purposes,
      dataCategories,
      collectionSources,
      thirdPartyRecipients,
      retention,
      rights: rights.list,
      responseDeadlineMonths: rights.responseDeadlineMonths,
    };
  }
}
