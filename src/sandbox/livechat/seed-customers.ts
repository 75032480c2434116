import { isUuidV4 } from './ids';
import type { LivechatStore } from './store';
import type { LivechatCustomer } from './types';
import { E164, isEmail, isIsoDate, isRecord, isSessionFields, isStringMap, unknownKey } from './validate';

export type SeedParse<T> = { ok: true; value: T } | { ok: false; error: string };

const CUSTOMER_KEYS = [
  'id',
  'type',
  'name',
  'email',
  'avatar',
  'phone_number',
  'address',
  'created_at',
  'session_fields',
  'visit',
  'ban',
] as const;

function optionalString(record: Record<string, unknown>, key: string): string | undefined | null {
  const value = record[key];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : null;
}

function fieldProblem(record: Record<string, unknown>): string | null {
  const extra = unknownKey(record, CUSTOMER_KEYS);
  if (extra) return `unknown customer field: ${extra}`;
  if (record.type !== undefined && record.type !== 'customer') return 'customer type must be "customer"';
  if (record.id !== undefined && (typeof record.id !== 'string' || !isUuidV4(record.id))) return 'customer id must be a UUID v4';
  for (const key of ['name', 'avatar']) if (optionalString(record, key) === null) return `customer ${key} must be a string`;
  if (record.email !== undefined && (typeof record.email !== 'string' || !isEmail(record.email))) return 'customer email is invalid';
  if (record.phone_number !== undefined && (typeof record.phone_number !== 'string' || !E164.test(record.phone_number))) {
    return 'customer phone_number must be E.164';
  }
  if (record.address !== undefined && !isStringMap(record.address)) return 'customer address must be an object of strings';
  if (record.created_at !== undefined && !isIsoDate(record.created_at)) return 'customer created_at must be an ISO date';
  if (record.session_fields !== undefined && !isSessionFields(record.session_fields)) return 'customer session_fields is invalid';
  if (record.visit !== undefined && !isRecord(record.visit)) return 'customer visit must be an object';
  return null;
}

function toCustomer(record: Record<string, unknown>, id: string, now: number): LivechatCustomer {
  const customer: LivechatCustomer = {
    id,
    type: 'customer',
    created_at: typeof record.created_at === 'string' ? new Date(record.created_at).toISOString() : new Date(now).toISOString(),
    session_fields: isSessionFields(record.session_fields) ? record.session_fields : [],
  };
  if (typeof record.name === 'string') customer.name = record.name;
  if (typeof record.email === 'string') customer.email = record.email;
  if (typeof record.avatar === 'string') customer.avatar = record.avatar;
  if (typeof record.phone_number === 'string') customer.phone_number = record.phone_number;
  if (isStringMap(record.address)) customer.address = record.address;
  if (isRecord(record.visit)) customer.visit = record.visit;
  return customer;
}

/** Validates seeded customers (vendor field names); ids are drawn when absent. */
export function parseSeedCustomers(raw: unknown, store: LivechatStore, now: number): SeedParse<LivechatCustomer[]> {
  if (!Array.isArray(raw)) return { ok: false, error: 'customers must be an array' };
  const customers: LivechatCustomer[] = [];
  for (const [index, record] of raw.entries()) {
    if (!isRecord(record)) return { ok: false, error: `customers[${index}] must be an object` };
    const problem = fieldProblem(record);
    if (problem) return { ok: false, error: `customers[${index}]: ${problem}` };
    const id = typeof record.id === 'string' ? record.id : store.newCustomerId();
    customers.push(toCustomer(record, id, now));
  }
  return { ok: true, value: customers };
}
