import { makeId, normalizeId, to18 } from './ids';
import { fieldsOf, fullName, KEY_PREFIX, SOBJECT_TYPES, typeOfId, type FieldValue, type SObjectType, type SfRecord } from './schema';

/**
 * How an id resolves: the statuses behind 404 NOT_FOUND, 404 ENTITY_IS_DELETED and 400 MALFORMED_ID
 * (docs/vendor-notes/salesforce.md#read, #delete).
 */
export type Resolved =
  | { kind: 'live'; type: SObjectType; record: SfRecord }
  | { kind: 'deleted'; type: SObjectType; record: SfRecord }
  | { kind: 'missing' }
  | { kind: 'malformed' };

/** The org's Contact and Lead rows, recycle bin included (deleted rows keep `IsDeleted = true`). */
export class SalesforceStore {
  private rows: Record<SObjectType, SfRecord[]> = { Contact: [], Lead: [] };
  private byId = new Map<string, { type: SObjectType; record: SfRecord }>();
  private sequence = 0;

  clear(): void {
    this.rows = { Contact: [], Lead: [] };
    this.byId.clear();
    this.sequence = 0;
  }

  /** Adds a row, filling every known field (null/false defaults) and a fresh id when none is given. */
  insert(type: SObjectType, values: SfRecord, now: string): SfRecord {
    const record: SfRecord = {};
    for (const def of fieldsOf(type)) record[def.name] = def.kind === 'boolean' ? false : null;
    Object.assign(record, values);
    const given = typeof values.Id === 'string' ? normalizeId(values.Id) : null;
    record.Id = given ? to18(given) : this.nextId(type);
    record.Name = fullName(record);
    record.CreatedDate ??= now;
    record.LastModifiedDate ??= now;
    record.SystemModstamp ??= record.LastModifiedDate;
    this.rows[type].push(record);
    this.byId.set(String(record.Id).slice(0, 15), { type, record });
    return record;
  }

  private nextId(type: SObjectType): string {
    let id: string;
    do {
      this.sequence += 1;
      id = makeId(KEY_PREFIX[type], this.sequence);
    } while (this.byId.has(id.slice(0, 15)));
    return id;
  }

  resolve(id: string): Resolved {
    const id15 = normalizeId(id);
    if (id15 === null) return { kind: 'malformed' };
    const entry = this.byId.get(id15);
    if (!entry) return { kind: 'missing' };
    return { kind: entry.record.IsDeleted === true ? 'deleted' : 'live', type: entry.type, record: entry.record };
  }

  /** Whether a well-formed id belongs to `type` by its key prefix (another object's id is "not found" there). */
  idMatchesType(id: string, type: SObjectType): boolean {
    const id15 = normalizeId(id);
    return id15 !== null && typeOfId(id15) === type;
  }

  update(record: SfRecord, changes: Record<string, FieldValue>, now: string): void {
    Object.assign(record, changes);
    record.Name = fullName(record);
    record.LastModifiedDate = now;
    record.SystemModstamp = now;
  }

  /** Soft delete: the row goes to the recycle bin [I] docs/vendor-notes/salesforce.md#delete. */
  softDelete(record: SfRecord, now: string): void {
    record.IsDeleted = true;
    record.SystemModstamp = now;
  }

  /**
   * Rows in insertion order; `includeDeleted` is queryAll's view of the recycle bin [I]
   * docs/vendor-notes/salesforce.md#delete.
   */
  list(type: SObjectType, includeDeleted: boolean): SfRecord[] {
    return this.rows[type].filter((row) => includeDeleted || row.IsDeleted !== true);
  }

  snapshot(): Record<string, unknown[]> {
    return Object.fromEntries(SOBJECT_TYPES.map((type) => [type, this.rows[type].map((row) => ({ ...row }))]));
  }
}
