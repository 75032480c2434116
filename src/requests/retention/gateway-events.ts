import type { DataSource } from 'typeorm';
import { ConsentEntryEntity } from '../../store/entities/consent-entry.entity';
import { PrivacyRequestEntity } from '../../store/entities/privacy-request.entity';
import { SubjectEntity } from '../../store/entities/subject.entity';
import type { GatewayEvent } from './retention-scan.types';

/** mysql2 and better-sqlite3 return aggregated datetimes as Date or as text (SQLite: UTC without a zone); null when absent. */
function isoOf(value: unknown): string | null {
  let date: Date | null = null;
  if (value instanceof Date) date = value;
  else if (typeof value === 'string') date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
  return date === null || Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export interface GatewayEventSources {
  dataSource: DataSource;
  /** The audit log's keyed hash of an email (privacy requests are kept by it, not by email). */
  subjectKey(email: string): string;
  /** Requests filed by these labels are the gateway's own doing (retention), not the person's. */
  ownActors: readonly string[];
}

/**
 * The gateway's own events per person: the local subject's last activity, the latest consent
 * recorded and the latest request the person (or the DPO for them) filed. Requests are kept by
 * keyed hash, so `emails` (everyone the scan found, plus every local subject) are hashed to match.
 * Three grouped queries, whatever the number of people.
 */
export async function gatewayEvents(sources: GatewayEventSources, emails: Iterable<string>): Promise<Map<string, GatewayEvent[]>> {
  const events = new Map<string, GatewayEvent[]>();
  const add = (email: string, event: GatewayEvent): void => {
    const held = events.get(email);
    if (held) held.push(event);
    else events.set(email, [event]);
  };
  const subjects = await sources.dataSource
    .getRepository(SubjectEntity)
    .find({ select: { id: true, emailNormalised: true, lastActivityAt: true, createdAt: true } });
  const byId = new Map(subjects.map((subject) => [subject.id, subject.emailNormalised]));
  for (const subject of subjects) {
    const at = subject.lastActivityAt ?? null;
    events.set(subject.emailNormalised, at ? [{ kind: 'SUBJECT', at: at.toISOString() }] : []);
  }
  const consents: Array<{ subjectId: unknown; latest: unknown }> = await sources.dataSource
    .getRepository(ConsentEntryEntity)
    .createQueryBuilder('consent')
    .select('consent.subjectId', 'subjectId')
    .addSelect('MAX(consent.recordedAt)', 'latest')
    .groupBy('consent.subjectId')
    .getRawMany();
  for (const row of consents) {
    const email = byId.get(Number(row.subjectId));
    const at = isoOf(row.latest);
    if (email !== undefined && at !== null) add(email, { kind: 'CONSENT', at });
  }
  const requests: Array<{ subjectKey: unknown; latest: unknown }> = await sources.dataSource
    .getRepository(PrivacyRequestEntity)
    .createQueryBuilder('request')
    .select('request.subjectKey', 'subjectKey')
    .addSelect('MAX(request.receivedAt)', 'latest')
    .where(sources.ownActors.length > 0 ? 'request.requestedBy NOT IN (:...own)' : '1 = 1', { own: [...sources.ownActors] })
    .groupBy('request.subjectKey')
    .getRawMany();
  const latestByKey = new Map(requests.map((row) => [String(row.subjectKey), isoOf(row.latest)]));
  for (const email of new Set([...emails, ...events.keys()])) {
    const at = latestByKey.get(sources.subjectKey(email)) ?? null;
    if (at !== null) add(email, { kind: 'REQUEST', at });
  }
  return events;
}
