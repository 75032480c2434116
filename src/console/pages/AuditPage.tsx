import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Badge } from '../components/Badge';
import { ErrorNotice, Loading } from '../components/Notice';
import { AuditLogDocument } from '../generated/graphql';
import { formatDate } from '../lib/format';

const PAGE = 50;

/** The audit log, newest first; filtered by a person's email (the log keeps only a keyed hash of it). */
export function AuditPage(): JSX.Element {
  const [draft, setDraft] = useState('');
  const [subjectEmail, setSubjectEmail] = useState<string | null>(null);
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({
    query: AuditLogDocument,
    variables: { subjectEmail, first: PAGE, after },
    requestPolicy: 'network-only',
  });
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setAfter(null);
    setSubjectEmail(draft.trim() || null);
  };
  const entries = data?.auditLog.edges.map((edge) => edge.node) ?? [];
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <form onSubmit={submit} className="form form-inline" role="search">
        <label htmlFor="audit-email">About the person with email</label>
        <input id="audit-email" type="email" value={draft} onChange={(e) => setDraft(e.target.value)} autoComplete="off" />
        <button type="submit">Filter</button>
        {subjectEmail && (
          <button
            type="button"
            onClick={() => {
              setDraft('');
              setAfter(null);
              setSubjectEmail(null);
            }}
          >
            Show everyone
          </button>
        )}
      </form>
      <ErrorNotice error={error} />
      {fetching && !data && <Loading what="the audit log" />}
      {data && entries.length === 0 && <p role="status">No entry.</p>}
      {entries.length > 0 && (
        <div className="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Operation</th>
                <th scope="col">Outcome</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDate(entry.at)}</td>
                  <td>{entry.actor}</td>
                  <td>{entry.operation}</td>
                  <td>
                    <Badge value={entry.outcome} />
                  </td>
                  <td>{entry.detail ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions">
        {after && (
          <button type="button" onClick={() => setAfter(null)}>
            Newest
          </button>
        )}
        {data?.auditLog.pageInfo.hasNextPage && (
          <button type="button" onClick={() => setAfter(data.auditLog.pageInfo.endCursor ?? null)}>
            Older entries
          </button>
        )}
      </div>
    </section>
  );
}
