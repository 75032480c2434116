import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Badge } from '../components/Badge';
import { ErrorNotice, Loading } from '../components/Notice';
import { SubjectViewDocument, type SubjectViewQuery } from '../generated/graphql';
import { formatDate, systemName, words } from '../lib/format';
import { Link } from '../lib/router';

type Subject = NonNullable<SubjectViewQuery['subject']>;

/** Find a person by email, then the unified view: profile, every system, consents, requests. */
export function PersonPage(props: { email: string | null; onEmail: (email: string | null) => void; isDpo: boolean }): JSX.Element {
  const [draft, setDraft] = useState(props.email ?? '');
  const [{ data, error, fetching }] = useQuery({
    query: SubjectViewDocument,
    variables: { email: props.email ?? '' },
    pause: props.email === null,
    requestPolicy: 'network-only',
  });
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const email = draft.trim();
    props.onEmail(email === '' ? null : email);
  };
  return (
    <section aria-labelledby="find-title">
      <h1 id="find-title">Find a person</h1>
      <form role="search" onSubmit={submit} className="form form-inline">
        <label htmlFor="find-email">Email address</label>
        <input id="find-email" type="email" value={draft} onChange={(e) => setDraft(e.target.value)} required autoComplete="off" />
        <button type="submit">Find</button>
      </form>
      {props.email && fetching && <Loading what="every system" />}
      <ErrorNotice error={data?.subject ? undefined : error} />
      {props.email && !fetching && data && data.subject === null && (
        <p role="status">No system knows this email, and the gateway never erased it.</p>
      )}
      {/* While another person loads, the previous one's view must not stay on screen under the new email. */}
      {!fetching && data?.subject && <UnifiedView subject={data.subject} isDpo={props.isDpo} partial={error !== undefined} />}
    </section>
  );
}

function UnifiedView(props: { subject: Subject; isDpo: boolean; partial: boolean }): JSX.Element {
  const { subject } = props;
  const name = [subject.firstName, subject.lastName].filter(Boolean).join(' ') || subject.email;
  return (
    <div className="unified">
      <h2>{name}</h2>
      {props.partial && (
        <p className="notice notice-warn" role="status">
          Some systems could not answer: their panels below say why. The rest is shown.
        </p>
      )}
      <ErasureNotices subject={subject} />
      {props.isDpo && <ActionBar />}
      <div className="grid">
        <Profile subject={subject} />
        <Consents subject={subject} />
      </div>
      <h3>Systems</h3>
      <ul className="systems" aria-label="Systems">
        {subject.sources.map((source) => (
          <li
            key={source.system}
            className={`panel system system-${source.status.toLowerCase()}`}
            aria-label={`${systemName(source.system)}: ${words(source.status)}`}
          >
            <h4>
              {systemName(source.system)} <Badge value={source.status} />
            </h4>
            {source.error && <p className="reason">{source.error}</p>}
            {source.records.length > 0 && (
              <ul className="records">
                {source.records.map((record) => (
                  <li key={`${record.kind}-${record.externalId}`}>
                    <strong>{words(record.kind)}</strong> {record.externalId}
                    <br />
                    {[record.firstName, record.lastName].filter(Boolean).join(' ')} {record.email} {record.phone}
                    {record.optedOut && <span className="tag"> opted out</span>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <Requests subject={subject} />
    </div>
  );
}

function ActionBar(): JSX.Element {
  return (
    <nav aria-label="Act on this person" className="actions">
      <Link to="/people/erase" className="button danger">
        Erase…
      </Link>
      <Link to="/people/rectify" className="button">
        Rectify…
      </Link>
      <Link to="/people/marketing" className="button">
        Unsubscribe / object / export…
      </Link>
      <Link to="/people/hold" className="button">
        Legal hold…
      </Link>
      <Link to="/people/consent" className="button">
        Consent…
      </Link>
    </nav>
  );
}

function ErasureNotices(props: { subject: Subject }): JSX.Element | null {
  const { erasure, resurfacedIn } = props.subject;
  if (!erasure) return null;
  return (
    <div className="notice notice-warn" role="status">
      <p>
        Erased on {formatDate(erasure.completedAt)} (request <Link to={`/requests/${erasure.requestId}`}>{erasure.requestId}</Link>).
      </p>
      {resurfacedIn.length > 0 && (
        <p>
          <strong>Resurfaced:</strong> held again by {resurfacedIn.map(systemName).join(', ')} since the erasure.
        </p>
      )}
    </div>
  );
}

function Profile(props: { subject: Subject }): JSX.Element {
  return (
    <section className="panel" aria-labelledby="profile-title">
      <h3 id="profile-title">Merged profile</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Value</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {props.subject.provenance.map((field) => (
            <tr key={field.field} className={field.conflict ? 'conflict' : undefined}>
              <th scope="row">{field.field}</th>
              <td>
                {field.value ?? '—'}
                {field.conflict && (
                  <div className="conflict-note">
                    <strong>Conflict:</strong>{' '}
                    {field.candidates
                      .map((candidate) => `${candidate.value} (${candidate.systems.map(systemName).join(', ')})`)
                      .join(' · ')}
                  </div>
                )}
              </td>
              <td>{field.systems.map(systemName).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Consents(props: { subject: Subject }): JSX.Element {
  const entries = props.subject.consents;
  return (
    <section className="panel" aria-labelledby="consents-title">
      <h3 id="consents-title">Consents (history, oldest first)</h3>
      {entries.length === 0 ? (
        <p className="muted">No consent recorded in the gateway.</p>
      ) : (
        <ol className="ledger">
          {entries.map((entry) => (
            <li key={entry.id}>
              <Badge value={entry.action} /> {words(entry.purpose)} {entry.channel && <>via {words(entry.channel)}</>} ·{' '}
              {words(entry.legalBasis)} · {formatDate(entry.recordedAt)}
              {entry.evidence && <div className="muted">{entry.evidence}</div>}
            </li>
          ))}
        </ol>
      )}
      {props.subject.marketingOptOuts.length > 0 && <p>Opted out in: {props.subject.marketingOptOuts.map(systemName).join(', ')}</p>}
    </section>
  );
}

function Requests(props: { subject: Subject }): JSX.Element {
  const requests = props.subject.privacyRequests;
  return (
    <section aria-labelledby="person-requests">
      <h3 id="person-requests">Requests</h3>
      {requests.length === 0 ? (
        <p className="muted">No privacy request about this person.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((request) => (
              <tr key={request.id}>
                <td>
                  <Link to={`/requests/${request.id}`}>{request.id}</Link>
                </td>
                <td>{words(request.type)}</td>
                <td>
                  <Badge value={request.status} /> {request.overdue && <Badge value="OVERDUE" />}
                </td>
                <td>{formatDate(request.dueAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
