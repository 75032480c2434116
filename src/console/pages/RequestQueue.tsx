import { useState } from 'react';
import { useQuery } from 'urql';
import { Badge } from '../components/Badge';
import { ErrorNotice, Loading } from '../components/Notice';
import { RequestQueueDocument, type RequestQueueQuery, type RequestStatus, type RequestType } from '../generated/graphql';
import { formatDate, words } from '../lib/format';
import { Link } from '../lib/router';

const TYPES: RequestType[] = ['ERASURE', 'ACCESS', 'RECTIFICATION', 'UNSUBSCRIBE', 'OBJECTION', 'CONSENT_WITHDRAWAL', 'CHAT_REMOVAL'];
const STATUSES: RequestStatus[] = ['OPEN', 'IN_PROGRESS', 'BLOCKED', 'FAILED', 'COMPLETED'];

type Row = RequestQueueQuery['privacyRequests']['edges'][number]['node'];

/** Overdue first, then the earliest due date: what a DPO must answer next comes first. */
export function byUrgency(rows: readonly Row[]): Row[] {
  return [...rows].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt));
}

/** The request queue with filters by type and status. */
export function RequestQueue(): JSX.Element {
  const [type, setType] = useState<RequestType | ''>('');
  const [status, setStatus] = useState<RequestStatus | ''>('');
  const [{ data, error, fetching }] = useQuery({
    query: RequestQueueDocument,
    variables: { type: type || null, status: status || null, first: 200 },
    requestPolicy: 'network-only',
  });
  const rows = byUrgency(data?.privacyRequests.edges.map((edge) => edge.node) ?? []);
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">Requests</h1>
      <form className="form form-inline" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="queue-type">Type</label>
        <select id="queue-type" value={type} onChange={(e) => setType(e.target.value as RequestType | '')}>
          <option value="">Any type</option>
          {TYPES.map((value) => (
            <option key={value} value={value}>
              {words(value)}
            </option>
          ))}
        </select>
        <label htmlFor="queue-status">Status</label>
        <select id="queue-status" value={status} onChange={(e) => setStatus(e.target.value as RequestStatus | '')}>
          <option value="">Any status</option>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {words(value)}
            </option>
          ))}
        </select>
      </form>
      <ErrorNotice error={error} />
      {fetching && !data && <Loading what="requests" />}
      {data && rows.length === 0 && <p role="status">No request matches.</p>}
      {rows.length > 0 && (
        <table className="queue">
          <caption className="muted">Overdue first, then by due date. Showing up to 200.</caption>
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col">Due</th>
              <th scope="col">Tasks done</th>
              <th scope="col">Received</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={row.overdue ? 'overdue' : undefined}>
                <td>
                  <Link to={`/requests/${row.id}`}>{row.id}</Link>
                </td>
                <td>{words(row.type)}</td>
                <td>
                  <Badge value={row.status} /> {row.overdue && <Badge value="OVERDUE" />}
                </td>
                <td>
                  {formatDate(row.dueAt)}
                  {row.extendedByMonths > 0 && <span className="muted"> (+{row.extendedByMonths} mo)</span>}
                </td>
                <td>
                  {row.tasks.filter((task) => task.status === 'DONE' || task.status === 'NOTHING_TO_DO').length}/{row.tasks.length}
                </td>
                <td>{formatDate(row.receivedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
