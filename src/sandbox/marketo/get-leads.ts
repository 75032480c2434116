import { fail, ok, type Reply } from './errors';
import { DEFAULT_FIELDS, describeFields, fieldSpec } from './lead-fields';
import { decodePageToken, encodePageToken } from './page-token';
import type { Handler } from './rest-request';
import type { Lead } from './store';

/**
 * docs/vendor-notes/marketo.md#find-by-email: at most 300 comma-separated filter values, and 300 leads a page (max
 * and default).
 */
const MAX_FILTER_VALUES = 300;
const MAX_BATCH_SIZE = 300;
/** docs/vendor-notes/marketo.md#find-by-email: more matching leads than this -> 1003 "Too many results match the filter". */
const MAX_MATCHES = 1000;

type Parsed<T> = { ok: true; value: T } | { ok: false; reply: Reply };

/**
 * Comma-separated list; blanks are dropped. A comma inside a value cannot be expressed ([I]
 * docs/vendor-notes/marketo.md#find-by-email).
 */
function splitList(raw: string | null): string[] {
  if (raw === null) return [];
  return raw
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
}

function parseFields(raw: string | null): Parsed<string[]> {
  const fields = splitList(raw);
  if (fields.length === 0) return { ok: true, value: [...DEFAULT_FIELDS] };
  const unknown = fields.find((name) => !fieldSpec(name));
  // [I] an unknown name in `fields` fails the whole call with 1006.
  if (unknown !== undefined) return { ok: false, reply: fail('1006', `Field '${unknown}' not found`) };
  return { ok: true, value: fields };
}

function parseBatchSize(raw: string | null): Parsed<number> {
  if (raw === null || raw === '') return { ok: true, value: MAX_BATCH_SIZE };
  const size = /^\d+$/.test(raw) ? Number(raw) : NaN;
  // [I] a batchSize outside 1..300 is refused with 1003 rather than clamped.
  if (!(size >= 1 && size <= MAX_BATCH_SIZE)) return { ok: false, reply: fail('1003', `Invalid batchSize '${raw}'`) };
  return { ok: true, value: size };
}

function parseAfter(raw: string | null): Parsed<number> {
  if (raw === null || raw === '') return { ok: true, value: 0 };
  const after = decodePageToken(raw);
  // [I] a token that is not one of ours -> 1003.
  if (after === null) return { ok: false, reply: fail('1003', 'Invalid nextPageToken') };
  return { ok: true, value: after };
}

/** docs/vendor-notes/marketo.md#find-by-email: `id` plus the requested fields; a field the lead has no value for reads null. */
function project(lead: Lead, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { id: lead.id };
  for (const name of fields) if (name !== 'id') out[name] = lead[name] ?? null;
  return out;
}

function checkFilter(filterType: string | null, values: string[]): Parsed<string> {
  const refuse = (code: string, message: string): Parsed<string> => ({ ok: false, reply: fail(code, message) });
  if (!filterType) return refuse('701', 'filterType cannot be blank');
  const spec = fieldSpec(filterType);
  if (!spec) return refuse('1006', `Field '${filterType}' not found`);
  if (!spec.searchable) return refuse('1011', `Field '${filterType}' not supported`);
  if (values.length === 0) return refuse('701', 'filterValues cannot be blank');
  // [I] docs/vendor-notes/marketo.md#find-by-email: the limit is documented (300); the code for passing it is ours.
  if (values.length > MAX_FILTER_VALUES) return refuse('1003', `Too many values in filterValues, max ${MAX_FILTER_VALUES}`);
  const notInteger = filterType === 'id' ? values.find((value) => !/^\d+$/.test(value)) : undefined;
  if (notInteger !== undefined) return refuse('1001', `Invalid value '${notInteger}'. Required of type 'Integer'`);
  return { ok: true, value: filterType };
}

/** `GET /rest/v1/leads.json?filterType=&filterValues=&fields=&batchSize=&nextPageToken=` */
export const getLeadsByFilter: Handler = (request, { store }) => {
  const params = request.params;
  const values = splitList(params.get('filterValues'));
  const filter = checkFilter(params.get('filterType'), values);
  if (!filter.ok) return filter.reply;
  const filterType = filter.value;
  const fields = parseFields(params.get('fields'));
  if (!fields.ok) return fields.reply;
  const batchSize = parseBatchSize(params.get('batchSize'));
  if (!batchSize.ok) return batchSize.reply;
  const after = parseAfter(params.get('nextPageToken'));
  if (!after.ok) return after.reply;
  const byId = new Map<number, Lead>();
  for (const value of values) for (const lead of store.findBy(filterType, value)) byId.set(lead.id, lead);
  if (byId.size > MAX_MATCHES) return fail('1003', 'Too many results match the filter');
  const remaining = [...byId.values()].sort((a, b) => a.id - b.id).filter((lead) => lead.id > after.value);
  const page = remaining.slice(0, batchSize.value);
  const last = page[page.length - 1];
  const more = remaining.length > page.length && last !== undefined;
  return ok(
    page.map((lead) => project(lead, fields.value)),
    more ? { nextPageToken: encodePageToken(last.id) } : {},
  );
};

/** `GET /rest/v1/lead/{id}.json?fields=` */
export const getLeadById: Handler = (request, { store, pathParams }) => {
  const fields = parseFields(request.params.get('fields'));
  if (!fields.ok) return fields.reply;
  const lead = store.get(Number(pathParams[0]));
  // [I] docs/vendor-notes/marketo.md#read: an unknown id answers an empty result.
  return ok(lead ? [project(lead, fields.value)] : []);
};

/** `GET /rest/v1/leads/describe.json` */
export const describeLeads: Handler = () => ok(describeFields());
