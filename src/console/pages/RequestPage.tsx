import { useEffect, useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { downloadExport, saveCertificate } from '../api/downloads';
import { refusalMessage } from '../api/refusal';
import { Badge } from '../components/Badge';
import { ErrorNotice, Loading } from '../components/Notice';
import {
  ConfirmManualTaskDocument,
  ExtendDeadlineDocument,
  RequestCertificateDocument,
  RequestDetailDocument,
  RetryPrivacyRequestDocument,
  type RequestDetailQuery,
} from '../generated/graphql';
import { formatDate, systemName, words } from '../lib/format';

type Request = NonNullable<RequestDetailQuery['privacyRequest']>;
type Task = Request['tasks'][number];

/** Tasks change while workers run: the page asks again every 2 s until the request is finished. */
const POLL_MS = 2000;

export function RequestPage(props: { id: string; isDpo: boolean; token: string }): JSX.Element {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: RequestDetailDocument,
    variables: { id: props.id },
    requestPolicy: 'network-only',
  });
  const request = data?.privacyRequest;
  const live = request !== undefined && request !== null && request.status !== 'COMPLETED';
  useEffect(() => {
    if (!live) return undefined;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearInterval(timer);
  }, [live, refetch]);
  if (!data) return error ? <ErrorNotice error={error} /> : <Loading what="the request" />;
  if (!request) return <p role="status">No request has the id {props.id}.</p>;
  return (
    <section aria-labelledby="request-title">
      <h1 id="request-title">
        {words(request.type)} request {request.id}
      </h1>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <Badge value={request.status} /> {request.overdue && <Badge value="OVERDUE" />}
          {live && <span className="muted"> (updating every 2 s{fetching ? ', refreshing…' : ''})</span>}
        </dd>
        <dt>Received</dt>
        <dd>{formatDate(request.receivedAt)}</dd>
        <dt>Due</dt>
        <dd>
          {formatDate(request.dueAt)}
          {request.extendedByMonths > 0 && ` (extended by ${request.extendedByMonths} month(s): ${request.extensionReason ?? ''})`}
        </dd>
        <dt>Reason</dt>
        <dd>{request.reason ?? '—'}</dd>
        <dt>Filed by</dt>
        <dd>{request.requestedBy}</dd>
        {request.completedAt && (
          <>
            <dt>Completed</dt>
            <dd>{formatDate(request.completedAt)}</dd>
          </>
        )}
        {request.blockedReason && (
          <>
            <dt>Blocked</dt>
            <dd>{request.blockedReason}</dd>
          </>
        )}
      </dl>
      <ErrorNotice error={error} />
      {props.isDpo && <RequestActions request={request} token={props.token} onChanged={() => refetch({ requestPolicy: 'network-only' })} />}
      <h2>Tasks</h2>
      <table className="tasks">
        <thead>
          <tr>
            <th scope="col">System</th>
            <th scope="col">Action</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last error / detail</th>
            {props.isDpo && <th scope="col">Confirm</th>}
          </tr>
        </thead>
        <tbody>
          {request.tasks.map((task) => (
            <tr
              key={task.id}
              data-task-system={task.system ?? task.processor ?? ''}
              data-task-status={task.status}
              data-awaiting-confirmation={awaitsConfirmation(task) ? 'true' : undefined}
            >
              <th scope="row">
                {task.system ? systemName(task.system) : words(task.processor ?? 'unknown')}
                <div className="muted">{words(task.mode)}</div>
              </th>
              <td>{words(task.action)}</td>
              <td>
                <Badge value={task.status} /> {task.confirmation && <Badge value="CONFIRMED" />}
                {task.completedAt && <div className="muted">{formatDate(task.completedAt)}</div>}
                {task.verification && (
                  <div data-verification={task.verification}>
                    <Badge value={task.verification} /> {task.verifiedAt && <span className="muted">{formatDate(task.verifiedAt)}</span>}
                    {task.verificationDetail && <div className="muted">{task.verificationDetail}</div>}
                  </div>
                )}
              </td>
              <td>{task.attempts}</td>
              <td>
                {task.lastError && <div className="reason">{task.lastError}</div>}
                {task.detail && <div>{task.detail}</div>}
                {task.confirmation && (
                  <div className="muted">
                    Confirmed by {task.confirmation.actor} on {formatDate(task.confirmation.at)}: {task.confirmation.note}
                  </div>
                )}
              </td>
              {props.isDpo && (
                <td>{awaitsConfirmation(task) && <ConfirmTask task={task} onDone={() => refetch({ requestPolicy: 'network-only' })} />}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A MANUAL task stays MANUAL once confirmed: the confirmation (who, when, note) is what completes it. */
function awaitsConfirmation(task: Task): boolean {
  return task.status === 'MANUAL' && task.confirmation === null;
}

function ConfirmTask(props: { task: Task; onDone: () => void }): JSX.Element {
  const [note, setNote] = useState('');
  const [{ fetching, error }, confirm] = useMutation(ConfirmManualTaskDocument);
  const id = `confirm-${props.task.id}`;
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await confirm({ taskId: props.task.id, note: note.trim() });
    if (result.data) props.onDone();
  };
  return (
    <form onSubmit={(event) => void submit(event)} className="form confirm-task">
      <label htmlFor={id}>What was done ({props.task.processor ?? systemName(props.task.system)})</label>
      <input id={id} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} required />
      <button type="submit" disabled={fetching}>
        Confirm
      </button>
      <ErrorNotice error={error} />
    </form>
  );
}

function RequestActions(props: { request: Request; token: string; onChanged: () => void }): JSX.Element {
  const { request } = props;
  const client = useClient();
  const [retried, retry] = useMutation(RetryPrivacyRequestDocument);
  const [extended, extend] = useMutation(ExtendDeadlineDocument);
  const [months, setMonths] = useState(1);
  const [reason, setReason] = useState('');
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const failed = request.tasks.some((task) => task.status === 'FAILED');
  const finished = request.status === 'COMPLETED';
  const certificate = async (): Promise<void> => {
    const result = await client.query(RequestCertificateDocument, { id: request.id }, { requestPolicy: 'network-only' }).toPromise();
    const jws = result.data?.privacyRequest?.certificate;
    if (jws) {
      saveCertificate(request.id, jws);
      setDownloadError(null);
    } else setDownloadError(result.error ? refusalMessage(result.error) : 'No certificate is stored for this request yet.');
  };
  const exportFile = async (): Promise<void> => setDownloadError(await downloadExport(request.id, props.token));
  const submitExtension = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await extend({ id: request.id, months, reason: reason.trim() });
    if (result.data) props.onChanged();
  };
  return (
    <div className="panel actions-panel">
      <div className="actions">
        {failed && (
          <button type="button" onClick={() => void retry({ id: request.id }).then(() => props.onChanged())} disabled={retried.fetching}>
            Retry failed tasks
          </button>
        )}
        {finished && request.type === 'ERASURE' && (
          <button type="button" onClick={() => void certificate()}>
            Download certificate
          </button>
        )}
        {finished && request.type === 'ACCESS' && (
          <button type="button" onClick={() => void exportFile()}>
            Download access export
          </button>
        )}
      </div>
      {!finished && request.extendedByMonths === 0 && (
        <form onSubmit={(event) => void submitExtension(event)} className="form form-inline" aria-label="Extend the deadline">
          <label htmlFor="extend-months">Extend by</label>
          <select id="extend-months" value={months} onChange={(e) => setMonths(Number(e.target.value))}>
            <option value={1}>1 month</option>
            <option value={2}>2 months</option>
          </select>
          <label htmlFor="extend-reason">Why (told to the person)</label>
          <input id="extend-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required />
          <button type="submit" disabled={extended.fetching}>
            Extend the deadline (once)
          </button>
        </form>
      )}
      <ErrorNotice error={retried.error ?? extended.error ?? downloadError} />
    </div>
  );
}
