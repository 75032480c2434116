/**
 * What a person must do for a task the gateway cannot carry out itself, as data: one row per
 * action, plus the vendors' own UI routes where the API lacks the write. The wording names
 * systems, processors and roles, never a person.
 */
import type { ConnectedSystem, IdentifierType } from '../../connectors/connector.types';
import type { TaskAction } from '../../domain/request-statuses';

interface ActionWording {
  /** The verb in "<verb> the person in <system> directly". */
  verb: string;
  /** What the API lacks: "<System> has no <noun> API". */
  noun: string;
  /** The request to a consultant, after "Ask <Name> (<role>) to". */
  consultantAsk: string;
  /** Where a system's own UI does what its API cannot (docs/vendor-notes/<vendor>.md). */
  withoutApi: Partial<Record<ConnectedSystem, string>>;
}

const WORDING: Readonly<Record<TaskAction, ActionWording>> = {
  ERASE: {
    verb: 'erase',
    noun: 'erasure',
    consultantAsk: "erase any copy of the person's data they hold and confirm in writing",
    withoutApi: {},
  },
  RECTIFY: {
    verb: 'correct',
    noun: 'correction',
    consultantAsk: "correct the person's data in any copy they hold and confirm in writing",
    withoutApi: {},
  },
  OPT_OUT: {
    verb: 'opt out',
    noun: 'opt-out',
    consultantAsk: "stop using the person's data for marketing and confirm in writing",
    withoutApi: {
      // docs/vendor-notes/surveymonkey.md#opt-out: a contact's status exists but the API cannot set it.
      SURVEYMONKEY: "add the person to the account's opt-out list in SurveyMonkey's contacts settings (or erase the contact)",
      // docs/vendor-notes/livechat.md#opt-out: no marketing opt-out in the Agent Chat API.
      LIVECHAT: 'make sure no LiveChat greeting, campaign or follow-up is sent to the person, in the LiveChat app',
      // docs/vendor-notes/adobesign.md#opt-out: Sign sends transactional agreement mail only.
      ADOBE_SIGN: 'it sends transactional agreement mail only, so check that no agreement is sent to the person for marketing',
      // docs/vendor-notes/googleanalytics.md#what-ga-holds: GA holds no email; consent lives in the site's tag.
      GOOGLE_ANALYTICS: "apply the person's choice in the website's tag and consent settings",
    },
  },
  EXPORT: {
    verb: 'export the data held about',
    noun: 'export',
    consultantAsk: 'send a copy of any personal data they hold about the person, or confirm in writing that they hold none',
    withoutApi: {},
  },
};

/** A connected system whose API cannot do `action`. */
export function withoutApiInstruction(action: TaskAction, system: ConnectedSystem, name: string): string {
  const wording = WORDING[action];
  const route = wording.withoutApi[system] ?? `${wording.verb} the person in ${name}'s own interface`;
  return `${name} has no ${wording.noun} API: ${route}`;
}

/** A system the register lists that the gateway has no connector for. */
export function notConnectedInstruction(action: TaskAction, name: string): string {
  return `${name} is not connected to the gateway: ${WORDING[action].verb} the person in ${name} directly`;
}

/** A processor without a system of its own (a consultant). */
export function consultantInstruction(action: TaskAction, name: string, role: string): string {
  return `Ask ${name} (${role}) to ${WORDING[action].consultantAsk}`;
}

/**
 * An erasure that needs identifiers (a GA client id) which no connected system carries: the
 * connector would find nothing to erase and report success that is not one.
 */
export function missingIdentifierInstruction(name: string, identifiers: readonly IdentifierType[]): string {
  const needed = identifiers.map((type) => IDENTIFIER_LABELS[type]).join(' and ');
  return `${name} erasure needs the person's ${needed}, which no connected system carries: find it and erase the person in ${name} directly`;
}

const IDENTIFIER_LABELS: Readonly<Record<IdentifierType, string>> = {
  GA_CLIENT_ID: 'Google Analytics client id',
  LIVECHAT_CUSTOMER_ID: 'LiveChat customer id',
  SALESFORCE_ID: 'Salesforce record id',
  MARKETO_LEAD_ID: 'Marketo lead id',
};

/** A system holding no contact data has nothing to correct. */
export const HOLDS_NO_CONTACT_DATA = 'holds no email, name or phone';
