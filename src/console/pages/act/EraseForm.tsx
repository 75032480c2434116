import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Badge } from '../../components/Badge';
import { ErrorNotice } from '../../components/Notice';
import { EraseSubjectDocument, type ActionRegisterQuery, type SubjectViewQuery } from '../../generated/graphql';
import { erasurePlan } from '../../lib/erasure-plan';
import { navigate } from '../../lib/router';

/** Erasure: a reason, then a confirmation that lists what each system will do, MANUAL tasks included. */
export function EraseForm(props: { email: string; subject: SubjectViewQuery['subject']; register: ActionRegisterQuery }): JSX.Element {
  const [reason, setReason] = useState('');
  const [reviewing, setReviewing] = useState(false);
  const [{ fetching, error }, erase] = useMutation(EraseSubjectDocument);
  const plan = erasurePlan(props.register.processors, props.subject?.sources ?? []);
  const review = (event: FormEvent): void => {
    event.preventDefault();
    setReviewing(true);
  };
  const confirm = async (): Promise<void> => {
    const result = await erase({ input: { email: props.email, reason: reason.trim() } });
    if (result.data) navigate(`/requests/${result.data.eraseSubject.id}`);
  };
  return (
    <>
      <form onSubmit={review} className="form">
        <label htmlFor="erase-reason">Reason (the request as received, the ticket)</label>
        <textarea id="erase-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required rows={3} />
        <button type="submit" disabled={reviewing}>
          Review the erasure
        </button>
      </form>
      {reviewing && (
        <section className="panel confirm" aria-labelledby="erase-plan">
          <h2 id="erase-plan">What each system will do</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">System</th>
                <th scope="col">How</th>
                <th scope="col">What happens</th>
              </tr>
            </thead>
            <tbody>
              {plan.map((step) => (
                <tr key={step.who}>
                  <th scope="row">{step.who}</th>
                  <td>
                    <Badge value={step.mode} />
                  </td>
                  <td>{step.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            {plan.filter((step) => step.mode === 'MANUAL').length} MANUAL task(s) will wait for someone to confirm them on the request page.
            This cannot be undone.
          </p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void confirm()} disabled={fetching}>
              Confirm erasure
            </button>
            <button type="button" onClick={() => setReviewing(false)}>
              Cancel
            </button>
          </div>
        </section>
      )}
      <ErrorNotice error={error} />
    </>
  );
}
