/**
 * The `subject` part of an access export: every value each system holds for the common fields,
 * and where. The subject view (src/federation/merge-profile.ts) picks one value per field; an
 * access export owes the person all of them, so values are grouped, not chosen (the request
 * engine does not import the read path either).
 */
import type { PersonRecord } from '../../connectors/connector.types';
import type { SubjectEntity } from '../../store/entities/subject.entity';
import type { ExportSystem, SubjectFieldValues, SubjectSection } from './access-export.types';

const FIELDS = ['email', 'firstName', 'lastName', 'phone', 'company'] as const;

type Holder = { system: ExportSystem; values: Partial<Record<SubjectFieldValues['field'], string | null>> };

/** Case, spacing and phone punctuation do not make another value. */
function sameValueKey(field: SubjectFieldValues['field'], value: string): string {
  if (field === 'phone') return value.replace(/[^\d]/g, '').replace(/^00/, '');
  return value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function fieldValues(field: SubjectFieldValues['field'], holders: readonly Holder[]): SubjectFieldValues {
  const byKey = new Map<string, { value: string; systems: ExportSystem[] }>();
  for (const { system, values } of holders) {
    const value = values[field]?.trim();
    if (!value) continue;
    const key = sameValueKey(field, value);
    const known = byKey.get(key);
    if (!known) byKey.set(key, { value, systems: [system] });
    else if (!known.systems.includes(system)) known.systems.push(system);
  }
  return { field, values: [...byKey.values()] };
}

export function subjectSection(email: string, local: SubjectEntity | null, records: readonly PersonRecord[]): SubjectSection {
  const holders: Holder[] = [
    ...(local
      ? [
          {
            system: 'LOCAL' as const,
            values: { email: local.email, firstName: local.firstName, lastName: local.lastName, phone: local.phone },
          },
        ]
      : []),
    ...records.map((record) => ({ system: record.system, values: record })),
  ];
  return {
    email,
    fields: FIELDS.map((field) => fieldValues(field, holders)),
    local: local
      ? {
          email: local.email,
          firstName: local.firstName,
          lastName: local.lastName,
          phone: local.phone,
          lastActivityAt: local.lastActivityAt?.toISOString() ?? null,
          createdAt: local.createdAt.toISOString(),
        }
      : null,
  };
}
