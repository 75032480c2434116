import type { LeadValue } from './lead-fields';

/** A lead in Marketo's REST field names; `id` is Marketo's integer lead id. */
export type Lead = { id: number } & Record<string, LeadValue>;

/** Marketo timestamps carry seconds, no milliseconds: `2015-07-08T19:37:07Z`. */
export function marketoTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Compares two values of a field the way a lookup does. */
function sameKey(field: string, stored: LeadValue | undefined, wanted: string | number): boolean {
  if (stored === undefined || stored === null) return false;
  // [I] docs/vendor-notes/marketo.md#find-by-email: email matching is case-insensitive.
  if (field === 'email' && typeof stored === 'string' && typeof wanted === 'string') {
    return stored.toLowerCase() === wanted.toLowerCase();
  }
  return String(stored) === String(wanted);
}

/** The sandbox's in-memory leads; a deleted lead is gone for every later call. */
export class LeadStore {
  private readonly leads = new Map<number, Lead>();
  private nextId = 1;

  constructor(private readonly firstId = 1) {
    this.nextId = firstId;
  }

  clear(): void {
    this.leads.clear();
    this.nextId = this.firstId;
  }

  /** Every lead, ordered by id (the order Marketo pages in). */
  all(): Lead[] {
    return [...this.leads.values()].sort((a, b) => a.id - b.id);
  }

  get(id: number): Lead | undefined {
    return this.leads.get(id);
  }

  has(id: number): boolean {
    return this.leads.has(id);
  }

  /** Leads whose `field` equals `value` (emails case-insensitively), ordered by id. */
  findBy(field: string, value: string | number): Lead[] {
    if (field === 'id') {
      const lead = this.leads.get(Number(value));
      return lead ? [lead] : [];
    }
    return this.all().filter((lead) => sameKey(field, lead[field], value));
  }

  /** Creates a lead; `id` is taken from `fields` when given (seeding), else the next free one. */
  create(fields: Record<string, LeadValue>, now: number): Lead {
    const wanted = typeof fields.id === 'number' ? fields.id : undefined;
    const id = wanted ?? this.nextId;
    this.nextId = Math.max(this.nextId, id + 1);
    const stamp = marketoTime(now);
    const lead: Lead = { createdAt: stamp, updatedAt: stamp, ...fields, id };
    this.leads.set(id, lead);
    return lead;
  }

  /** Applies `changes` to a lead and bumps `updatedAt`; answers the updated lead. */
  update(id: number, changes: Record<string, LeadValue>, now: number): Lead | undefined {
    const lead = this.leads.get(id);
    if (!lead) return undefined;
    const updated: Lead = { ...lead, ...changes, id, updatedAt: marketoTime(now) };
    this.leads.set(id, updated);
    return updated;
  }

  delete(id: number): boolean {
    return this.leads.delete(id);
  }
}
