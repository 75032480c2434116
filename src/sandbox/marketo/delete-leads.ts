import { fail, failKnown, ok, skipped, type Reply } from './errors';
import type { Handler, RestRequest } from './rest-request';

/** docs/vendor-notes/marketo.md#delete: at most 300 ids per delete call. */
const MAX_DELETE_IDS = 300;

type Ids = { ok: true; ids: unknown[] } | { ok: false; reply: Reply };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The ids to delete: a JSON body `{input:[{id}]}`, or `?id=1,2` as some old clients send. */
function readIds(request: RestRequest): Ids {
  if (request.json !== undefined) {
    if (!isRecord(request.json)) return { ok: false, reply: failKnown('609') };
    const input = request.json.input;
    if (!Array.isArray(input)) return { ok: true, ids: [] };
    return { ok: true, ids: input.map((item: unknown) => (isRecord(item) ? item.id : undefined)) };
  }
  // [I] docs/vendor-notes/marketo.md#delete: the `?id=1,2` form is supported besides the documented JSON body.
  const raw = request.params.get('id') ?? '';
  const ids = raw
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
  return { ok: true, ids: ids.map((value) => (/^\d+$/.test(value) ? Number(value) : value)) };
}

/** `POST /rest/v1/leads/delete.json`: `deleted`, or `skipped` with 1004 when the lead is not there. */
export const deleteLeads: Handler = (request, { store }) => {
  const read = readIds(request);
  if (!read.ok) return read.reply;
  // [I] the codes for an empty or an over-long list are ours (the 300 limit is docs/vendor-notes/marketo.md#delete).
  if (read.ids.length === 0) return fail('701', 'input cannot be blank');
  if (read.ids.length > MAX_DELETE_IDS) return fail('1003', `Too many records in input, max ${MAX_DELETE_IDS}`);
  const result = read.ids.map((id) => {
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      return skipped('1001', `Invalid value '${String(id)}'. Required of type 'Integer'`);
    }
    // [I] docs/vendor-notes/marketo.md#delete, README.md#open-questions: an unknown or already deleted id ->
    // skipped with 1004 "Lead not found".
    return store.delete(id) ? { id, status: 'deleted' } : skipped('1004', 'Lead not found', id);
  });
  return ok(result);
};
