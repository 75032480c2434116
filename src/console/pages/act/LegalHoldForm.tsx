import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice, SuccessNotice } from '../../components/Notice';
import { PlaceLegalHoldDocument, ReleaseLegalHoldDocument } from '../../generated/graphql';

/** Places or releases a legal hold: while it is active, the person's erasures wait (BLOCKED). */
export function LegalHoldForm(props: { email: string }): JSX.Element {
  const [reason, setReason] = useState('');
  const [placed, place] = useMutation(PlaceLegalHoldDocument);
  const [released, release] = useMutation(ReleaseLegalHoldDocument);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await place({ input: { email: props.email, reason: reason.trim() } });
    if (result.data) setDone(`Hold placed. Erasures blocked: ${result.data.placeLegalHold.affectedRequestIds.length}.`);
  };
  const lift = async (): Promise<void> => {
    const result = await release({ email: props.email, reason: reason.trim() });
    if (result.data) setDone(`Hold released. Erasures resumed: ${result.data.releaseLegalHold.affectedRequestIds.length}.`);
  };
  return (
    <form onSubmit={(event) => void submit(event)} className="form">
      <label htmlFor="hold-reason">Legal ground, or why the hold ends</label>
      <textarea id="hold-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required rows={3} />
      <div className="actions">
        <button type="submit" disabled={placed.fetching}>
          Place a legal hold
        </button>
        <button type="button" disabled={released.fetching || reason.trim() === ''} onClick={() => void lift()}>
          Release the hold
        </button>
      </div>
      {done && <SuccessNotice>{done}</SuccessNotice>}
      <ErrorNotice error={placed.error ?? released.error} />
    </form>
  );
}
