/**
 * The parts of an access export the register answers (GDPR Art. 15(1)(a)-(h)): purposes and legal
 * bases, recipients, retention, sources, for the channels through which the person's data came.
 */
import type { ConnectedSystem } from '../../connectors/connector.types';
import type { LedgerEntry } from '../../domain/consent-ledger';
import type { ProcessingActivity, Register } from '../../policy/register.types';
import type { PurposesSection, RecipientsSection, RetentionSection, SourcesSection, SystemSection } from './access-export.types';

/**
 * Lists the register may carry beyond its core shape (third-party recipients, collection sources,
 * legitimate-interest balancing): included as the register states them when present, else null.
 */
type OptionalRegisterList = 'thirdPartyRecipients' | 'collectionSources' | 'legitimateInterestBalancing';

function optionalList(register: Register, key: OptionalRegisterList): unknown[] | null {
  const value: unknown = (register as Register & Partial<Record<OptionalRegisterList, unknown>>)[key];
  return Array.isArray(value) ? value.map((item: unknown) => item) : null;
}

export interface RegisterContext {
  register: Register;
  sections: readonly SystemSection[];
  ledger: readonly LedgerEntry[];
}

function holdingSystems(sections: readonly SystemSection[]): Set<ConnectedSystem> {
  return new Set(sections.filter((section) => section.status === 'FOUND').map((section) => section.system));
}

/** The activities that apply: a system holding the person is among theirs, or a consent came through their channel. */
function applyingActivities(context: RegisterContext): Array<{ activity: ProcessingActivity; holding: string[]; byConsent: boolean }> {
  const holding = holdingSystems(context.sections);
  const consentChannels = new Set(context.ledger.map((entry) => entry.channel).filter((channel) => channel !== null));
  return context.register.processingActivities
    .map((activity) => ({
      activity,
      holding: activity.systems.filter((system) => holding.has(system)),
      byConsent: consentChannels.has(activity.channel),
    }))
    .filter((match) => match.holding.length > 0 || match.byConsent);
}

export function purposesSection(context: RegisterContext): PurposesSection {
  const { register } = context;
  const purposeText = new Map(register.purposes.map((purpose) => [purpose.key, purpose.description]));
  const categoryText = new Map(register.dataCategories.map((category) => [category.key, category.description]));
  return {
    activities: applyingActivities(context).map(({ activity, holding, byConsent }) => ({
      channel: activity.channel,
      collection: activity.collection,
      purposes: activity.purposes.map((key) => ({ key, description: purposeText.get(key) ?? key })),
      use: activity.use,
      legalBasis: activity.legalBasis,
      dataCategories: activity.dataCategories.map((key) => ({ key, description: categoryText.get(key) ?? key })),
      systems: [...activity.systems],
      appliesBecause: { systemsHoldingThePerson: holding, consentThroughChannel: byConsent },
    })),
    legitimateInterestBalancing: optionalList(register, 'legitimateInterestBalancing'),
  };
}

export function recipientsSection(context: RegisterContext): RecipientsSection {
  const status = new Map(context.sections.map((section) => [section.system, section.status]));
  return {
    processors: context.register.processors.map((processor) => {
      const answered = processor.system === null ? undefined : status.get(processor.system);
      return {
        key: processor.key,
        name: processor.name,
        role: processor.role,
        country: processor.country,
        transferMechanism: processor.transferMechanism,
        holdsThePerson: answered === 'FOUND' ? true : answered === 'NOT_FOUND' ? false : null,
      };
    }),
    thirdParties: optionalList(context.register, 'thirdPartyRecipients'),
  };
}

export function retentionSection(register: Register): RetentionSection {
  return {
    processors: register.processors.map(({ key, name, retention, retentionMonths }) => ({ key, name, retention, retentionMonths })),
    rules: { ...register.retention },
  };
}

export function sourcesSection(context: RegisterContext): SourcesSection {
  return {
    channels: applyingActivities(context).map(({ activity }) => ({ channel: activity.channel, collection: activity.collection })),
    systems: [...holdingSystems(context.sections)],
    collectionSources: optionalList(context.register, 'collectionSources'),
  };
}
