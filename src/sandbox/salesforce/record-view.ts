import type { FieldDef, SObjectType, SfRecord } from './schema';

/** A row as the REST API returns it: `attributes {type, url}` first, then the requested fields. */
export function sfRecordView(type: SObjectType, row: SfRecord, fields: readonly FieldDef[], version: string): Record<string, unknown> {
  const view: Record<string, unknown> = {
    attributes: { type, url: `/services/data/${version}/sobjects/${type}/${String(row.Id)}` },
  };
  for (const def of fields) view[def.name] = row[def.name] ?? null;
  return view;
}
