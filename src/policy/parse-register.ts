import type {
  Contact,
  Controller,
  LegitimateInterestBalancing,
  ProcessingActivity,
  Processor,
  Register,
  ThirdPartyRecipient,
} from './register.types';
import { JsonReader } from './register-reader';
import {
  CHANNELS,
  COLLECTION_SOURCES,
  LEGAL_BASES,
  PROCESSOR_KINDS,
  PURPOSES,
  REGISTER_SYSTEMS,
  RIGHTS,
  TRANSFER_MECHANISMS,
  UNDERAGE_ACTIONS,
} from './vocabulary';

// The controller's and the DPO's addresses are published to every data subject, so they must be
// deliverable mailboxes (RFC 5321 §4.1.2): a dot-atom local part (no leading, trailing or doubled
// dot; RFC 5322 §3.2.3 atext) and a host name of letter-digit-hyphen labels (RFC 1123 §2.1) whose
// top-level label starts with a letter (IDN domains in their xn-- form). 254 characters at most
// (RFC 5321 §4.5.3.1.3: a 256-octet path minus its angle brackets).
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const MAILBOX = new RegExp(`^${ATEXT}(?:\\.${ATEXT})*@(?:${LABEL}\\.)+[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?$`);
const MAILBOX_MAX_LENGTH = 254;

function isMailbox(value: string): boolean {
  return value.length <= MAILBOX_MAX_LENGTH && MAILBOX.test(value);
}

function contact(reader: JsonReader): Contact {
  const email = reader.field('email');
  if (!isMailbox(email.string())) email.fail('must be an email address');
  return { name: reader.field('name').string(), email: email.string(), phone: reader.field('phone').nullableString() };
}

function controller(reader: JsonReader): Controller {
  return { ...contact(reader), address: reader.field('address').string(), dpo: contact(reader.field('dpo')) };
}

function balancing(reader: JsonReader): LegitimateInterestBalancing {
  return {
    interest: reader.field('interest').string(),
    reasonableExpectation: reader.field('reasonableExpectation').string(),
    necessity: reader.field('necessity').string(),
  };
}

function activity(reader: JsonReader, categoryKeys: ReadonlySet<string>): ProcessingActivity {
  const categories = reader
    .field('dataCategories')
    .items()
    .map((item) => {
      const key = item.string();
      if (!categoryKeys.has(key)) item.fail(`"${key}" is not a key of dataCategories`);
      return key;
    });
  const purposes = reader
    .field('purposes')
    .items()
    .map((item) => item.oneOf(PURPOSES));
  if (purposes.length === 0) reader.field('purposes').fail('must name at least one purpose');
  const fields = {
    channel: reader.field('channel').oneOf(CHANNELS),
    collection: reader.field('collection').string(),
    purposes,
    use: reader.field('use').string(),
    dataCategories: categories,
    systems: reader
      .field('systems')
      .items()
      .map((item) => item.oneOf(REGISTER_SYSTEMS)),
  };
  const legalBasis = reader.field('legalBasis').oneOf(LEGAL_BASES);
  const balancingReader = reader.field('legitimateInterestBalancing');
  // A legitimate interest is lawful only once it passes the balancing test (GDPR Art. 6(1)(f)), so
  // the register must show that test; on any other basis a balancing would mislead the reader.
  if (legalBasis === 'LEGITIMATE_INTEREST') {
    if (balancingReader.isAbsent()) {
      balancingReader.fail(`is required: ${fields.channel} rests on LEGITIMATE_INTEREST, which needs its balancing test`);
    }
    return { ...fields, legalBasis, legitimateInterestBalancing: balancing(balancingReader) };
  }
  if (!balancingReader.isAbsent()) {
    balancingReader.fail(`must be absent: ${fields.channel} rests on ${legalBasis}, not LEGITIMATE_INTEREST`);
  }
  return { ...fields, legalBasis };
}

function processor(reader: JsonReader): Processor {
  const country = reader.field('country');
  const code = country.nullableString();
  if (code !== null && !/^[A-Z]{2}$/.test(code)) country.fail('must be an ISO 3166 alpha-2 code such as US, or null');
  return {
    key: reader.field('key').string(),
    name: reader.field('name').string(),
    kind: reader.field('kind').oneOf(PROCESSOR_KINDS),
    system: reader.field('system').nullableOneOf(REGISTER_SYSTEMS),
    role: reader.field('role').string(),
    country: code,
    transferMechanism: reader.field('transferMechanism').oneOf(TRANSFER_MECHANISMS),
    retention: reader.field('retention').string(),
    retentionMonths: reader.field('retentionMonths').nullableInteger(1, 1200),
    dpaUrl: reader.field('dpaUrl').nullableString(),
  };
}

function isWebAddress(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

function thirdPartyRecipient(reader: JsonReader, processorKeys: ReadonlySet<string>): ThirdPartyRecipient {
  const key = reader.field('key');
  // Processors act on the controller's instructions; a recipient under its own policy does not,
  // so one company cannot be both without the register contradicting itself.
  if (processorKeys.has(key.string())) key.fail(`"${key.string()}" is a key of processors; a third-party recipient is not a processor`);
  const policyUrl = reader.field('policyUrl');
  const url = policyUrl.nullableString();
  if (url !== null && !isWebAddress(url)) policyUrl.fail('must be an http(s) address, or null');
  return {
    key: key.string(),
    name: reader.field('name').string(),
    purpose: reader.field('purpose').string(),
    dataShared: reader.field('dataShared').string(),
    ownPolicyApplies: reader.field('ownPolicyApplies').boolean(),
    policyUrl: url,
    note: reader.field('note').nullableString(),
  };
}

function requireUnique<T>(items: T[], keyOf: (item: T) => string, list: JsonReader, label: string): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (seen.has(key)) (list.items()[index] ?? list).fail(`repeats ${label} ${key}`);
    seen.add(key);
  });
}

/** Validates a register document; throws RegisterError naming the first bad entry. */
export function parseRegister(document: unknown): Register {
  const root = new JsonReader(document, '');
  const categoriesReader = root.field('dataCategories');
  const dataCategories = categoriesReader
    .items()
    .map((item) => ({ key: item.field('key').string(), description: item.field('description').string() }));
  requireUnique(dataCategories, (c) => c.key, categoriesReader, 'data category');
  const categoryKeys = new Set(dataCategories.map((category) => category.key));
  const sourcesReader = root.field('collectionSources');
  const collectionSources = sourcesReader
    .items()
    .map((item) => ({ key: item.field('key').oneOf(COLLECTION_SOURCES), description: item.field('description').string() }));
  if (collectionSources.length === 0) sourcesReader.fail('must name at least one collection source');
  requireUnique(collectionSources, (source) => source.key, sourcesReader, 'collection source');
  const purposesReader = root.field('purposes');
  const purposes = purposesReader.items().map((item) => ({
    key: item.field('key').oneOf(PURPOSES),
    description: item.field('description').string(),
    directMarketing: item.field('directMarketing').boolean(),
  }));
  requireUnique(purposes, (p) => p.key, purposesReader, 'purpose');
  const activitiesReader = root.field('processingActivities');
  const processingActivities = activitiesReader.items().map((item) => activity(item, categoryKeys));
  requireUnique(processingActivities, (a) => a.channel, activitiesReader, 'channel');
  const processorsReader = root.field('processors');
  const processors = processorsReader.items().map(processor);
  requireUnique(processors, (p) => p.key, processorsReader, 'processor');
  const processorKeys = new Set(processors.map((p) => p.key));
  const recipientsReader = root.field('thirdPartyRecipients');
  const thirdPartyRecipients = recipientsReader.items().map((item) => thirdPartyRecipient(item, processorKeys));
  requireUnique(thirdPartyRecipients, (r) => r.key, recipientsReader, 'third-party recipient');
  const policy = root.field('policy');
  const retention = root.field('retention');
  const rights = root.field('rights');
  return {
    policy: {
      title: policy.field('title').string(),
      postedOn: policy.field('postedOn').string(),
      updatedOn: policy.field('updatedOn').string(),
      url: policy.field('url').nullableString(),
    },
    controller: controller(root.field('controller')),
    dataCategories,
    collectionSources,
    purposes,
    processingActivities,
    processors,
    thirdPartyRecipients,
    retention: {
      inactivityMonths: retention.field('inactivityMonths').integer(1, 1200),
      minimumAgeYears: retention.field('minimumAgeYears').integer(0, 30),
      underageAction: retention.field('underageAction').oneOf(UNDERAGE_ACTIONS),
      legalRetentionOverrides: retention.field('legalRetentionOverrides').boolean(),
    },
    rights: {
      responseDeadlineMonths: rights.field('responseDeadlineMonths').integer(1, 3),
      list: rights
        .field('list')
        .items()
        .map((item) => item.oneOf(RIGHTS)),
    },
  };
}
