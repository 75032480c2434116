import type { SeedResult } from '../common/sandbox.types';
import { checkValue, fieldSpec, type LeadValue } from './lead-fields';
import type { LeadStore } from './store';

type Checked = { ok: true; fields: Record<string, LeadValue> } | { ok: false; error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A seeded lead may set any field (ids and timestamps too), but only known fields of the right type. */
function checkLead(value: unknown, index: number, store: LeadStore, ids: Set<number>): Checked {
  if (!isRecord(value)) return { ok: false, error: `leads[${index}] must be an object` };
  const fields: Record<string, LeadValue> = {};
  for (const [name, field] of Object.entries(value)) {
    const spec = fieldSpec(name);
    if (!spec) return { ok: false, error: `leads[${index}].${name} is not a lead field` };
    if (checkValue(name, spec, field) !== null) return { ok: false, error: `leads[${index}].${name} must be a ${spec.dataType}` };
    if (field === null || typeof field === 'string' || typeof field === 'number' || typeof field === 'boolean') fields[name] = field;
  }
  const id = fields.id;
  if (typeof id === 'number') {
    if (id < 1 || store.has(id) || ids.has(id)) return { ok: false, error: `leads[${index}].id ${id} is taken or invalid` };
    ids.add(id);
  }
  return { ok: true, fields };
}

/** `POST /__sandbox/records` with `{ "leads": [...] }`: all or nothing. */
export function seedLeads(body: Record<string, unknown>, store: LeadStore, now: number): SeedResult {
  const unknownCollection = Object.keys(body).find((key) => key !== 'leads');
  if (unknownCollection !== undefined) return { ok: false, error: `unknown collection: ${unknownCollection} (marketo has "leads")` };
  const leads = body.leads;
  if (!Array.isArray(leads)) return { ok: false, error: 'leads must be an array' };
  const ids = new Set<number>();
  const checked: Array<Record<string, LeadValue>> = [];
  for (const [index, lead] of leads.entries()) {
    const result = checkLead(lead, index, store, ids);
    if (!result.ok) return { ok: false, error: result.error };
    checked.push(result.fields);
  }
  return { ok: true, records: { leads: checked.map((fields) => store.create(fields, now)) } };
}
