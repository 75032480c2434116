import express, { type Request, type Response, type Router } from 'express';
import type { SandboxContext } from '../common/sandbox.types';
import { applyContactPatch, isJsonContentType, parseContactPatch } from './contact-patch';
import { sendError } from './errors';
import { MAX_PER_PAGE, paginate, parsePageRequest, singleQueryValue } from './paging';
import { CONTACT_STATUSES, type ContactStatus, type SmContact } from './records';
import { contactListItem, contactResource } from './render';
import type { SurveyMonkeyStore } from './store';

/** `search_by` / `sort_by` values the docs list for /contacts. */
const SEARCHABLE = new Set(['email', 'first_name', 'last_name', '1', '2', '3', '4', '5', '6']);

interface ContactQuery {
  status: ContactStatus;
  searchBy: string | null;
  search: string | null;
  sortBy: string;
  descending: boolean;
}

function fieldOf(contact: SmContact, field: string): string {
  if (field === 'email' || field === 'first_name' || field === 'last_name') return contact[field];
  return contact.custom_fields[field] ?? '';
}

function isStatus(value: string): value is ContactStatus {
  return (CONTACT_STATUSES as readonly string[]).includes(value);
}

/** Validates the list filters; null -> 400 / 1003 "Invalid URL parameters". */
function parseContactQuery(query: Record<string, unknown>): ContactQuery | null {
  // `status` defaults to active [V docs/vendor-notes/surveymonkey.md#find-by-email]
  const status = singleQueryValue(query, 'status') ?? 'active';
  const searchBy = singleQueryValue(query, 'search_by');
  const search = singleQueryValue(query, 'search');
  const sortBy = singleQueryValue(query, 'sort_by') ?? 'email';
  const sortOrder = (singleQueryValue(query, 'sort_order') ?? 'ASC').toUpperCase();
  if (status === null || !isStatus(status) || searchBy === null || search === null || sortBy === null) return null;
  if (searchBy !== undefined && !SEARCHABLE.has(searchBy)) return null;
  // [I] docs/vendor-notes/surveymonkey.md#find-by-email: `search` without `search_by` is refused rather than guessed.
  if (search !== undefined && searchBy === undefined) return null;
  if (!SEARCHABLE.has(sortBy) || (sortOrder !== 'ASC' && sortOrder !== 'DESC')) return null;
  return { status, searchBy: searchBy ?? null, search: search ?? null, sortBy, descending: sortOrder === 'DESC' };
}

/**
 * [I] docs/vendor-notes/surveymonkey.md#find-by-email: `search` matches case-insensitively anywhere in the field (a
 * "contains" search, as the address-book search box does), so callers must filter the hits for an exact address
 * themselves.
 */
function listContacts(store: SurveyMonkeyStore, q: ContactQuery): SmContact[] {
  const needle = q.search?.toLowerCase() ?? null;
  const searchBy = q.searchBy;
  const hits = [...store.contacts.values()].filter(
    (contact) =>
      contact.status === q.status && (needle === null || searchBy === null || fieldOf(contact, searchBy).toLowerCase().includes(needle)),
  );
  const sign = q.descending ? -1 : 1;
  return hits.sort((a, b) => sign * fieldOf(a, q.sortBy).localeCompare(fieldOf(b, q.sortBy)));
}

function contactOr404(store: SurveyMonkeyStore, req: Request, res: Response): SmContact | null {
  const contact = store.contacts.get(String(req.params.id));
  if (!contact) sendError(res, '1020');
  return contact ?? null;
}

function patchContact(store: SurveyMonkeyStore, ctx: SandboxContext, req: Request, res: Response): void {
  const contact = contactOr404(store, req, res);
  if (!contact) return;
  if (!isJsonContentType(req.headers['content-type'])) {
    sendError(res, '1004', 'Invalid request headers: Content-Type must be application/json.');
    return;
  }
  const parsed = parseContactPatch(typeof req.body === 'string' ? req.body : '');
  if (!parsed.ok) {
    sendError(res, parsed.id, parsed.message);
    return;
  }
  applyContactPatch(contact, parsed.patch);
  // [I] docs/vendor-notes/surveymonkey.md#correct: 200 with the updated contact
  res.json(contactResource(contact, ctx.baseUrl()));
}

/**
 * `GET /v3/contacts`, `GET|PATCH|DELETE /v3/contacts/{id}` (docs/vendor-notes/surveymonkey.md#find-by-email,
 * #read, #correct, #delete).
 */
export function mountContactRoutes(router: Router, store: SurveyMonkeyStore, ctx: SandboxContext): void {
  router.get('/v3/contacts', (req, res) => {
    const query = req.query as Record<string, unknown>;
    const filters = parseContactQuery(query);
    const page = parsePageRequest(query, MAX_PER_PAGE);
    if (!filters || !page) {
      sendError(res, '1003');
      return;
    }
    const items = listContacts(store, filters).map((contact) => contactListItem(contact, ctx.baseUrl()));
    res.json(paginate(items, page, { baseUrl: ctx.baseUrl(), path: '/v3/contacts', query }));
  });
  router.get('/v3/contacts/:id', (req, res) => {
    const contact = contactOr404(store, req, res);
    if (contact) res.json(contactResource(contact, ctx.baseUrl()));
  });
  router.patch('/v3/contacts/:id', express.text({ type: () => true, limit: '100kb' }), (req, res) => {
    patchContact(store, ctx, req, res);
  });
  router.delete('/v3/contacts/:id', (req, res) => {
    const deleted = store.deleteContact(String(req.params.id));
    // [I] docs/vendor-notes/surveymonkey.md#delete: DELETE answers 200 with the deleted resource; a repeat delete -> 404 / 1020
    if (!deleted) sendError(res, '1020');
    else res.json(contactResource(deleted, ctx.baseUrl()));
  });
}
