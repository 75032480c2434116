import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice, SuccessNotice } from '../../components/Notice';
import {
  RecordConsentDocument,
  WithdrawConsentDocument,
  type ActionRegisterQuery,
  type Channel,
  type Purpose,
  type SubjectViewQuery,
} from '../../generated/graphql';
import { words } from '../../lib/format';

/** Record a consent (channel and purpose from the register's chart) or withdraw the one in force. */
export function ConsentForms(props: { email: string; subject: SubjectViewQuery['subject']; register: ActionRegisterQuery }): JSX.Element {
  const activities = props.register.processingActivities;
  const [channel, setChannel] = useState<Channel>(activities[0]?.channel ?? 'WEB_FORM');
  const purposes = activities.find((activity) => activity.channel === channel)?.purposes ?? [];
  const [purpose, setPurpose] = useState<Purpose | ''>('');
  const [evidence, setEvidence] = useState('');
  const [recorded, record] = useMutation(RecordConsentDocument);
  const inForce = inForcePurposes(props.subject);
  const [withdrawPurpose, setWithdrawPurpose] = useState<Purpose | ''>('');
  const [withdrawEvidence, setWithdrawEvidence] = useState('');
  const [withdrawn, withdraw] = useMutation(WithdrawConsentDocument);
  const [done, setDone] = useState<string | null>(null);
  const chosenPurpose = purpose !== '' && purposes.includes(purpose) ? purpose : purposes[0];
  const legalBasis = activities.find((activity) => activity.channel === channel)?.legalBasis;

  const submitRecord = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!chosenPurpose) return;
    const result = await record({ input: { email: props.email, channel, purpose: chosenPurpose, evidence: evidence.trim() || null } });
    if (result.data) setDone(`Recorded: ${words(chosenPurpose)} via ${words(channel)}.`);
  };
  const submitWithdraw = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const chosen = withdrawPurpose || inForce[0];
    if (!chosen) return;
    const result = await withdraw({ input: { email: props.email, purpose: chosen, evidence: withdrawEvidence.trim() || null } });
    if (result.data)
      setDone(`Withdrawn: ${words(chosen)}${result.data.withdrawConsent.privacyRequest ? ' (the person is opted out everywhere)' : ''}.`);
  };

  return (
    <div className="grid">
      <form onSubmit={(event) => void submitRecord(event)} className="form panel" aria-labelledby="record-title">
        <h2 id="record-title">Record a consent</h2>
        <label htmlFor="consent-channel">Channel</label>
        <select id="consent-channel" value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
          {activities.map((activity) => (
            <option key={activity.channel} value={activity.channel}>
              {words(activity.channel)} ({words(activity.legalBasis)})
            </option>
          ))}
        </select>
        <label htmlFor="consent-purpose">Purpose</label>
        <select id="consent-purpose" value={chosenPurpose ?? ''} onChange={(e) => setPurpose(e.target.value as Purpose)}>
          {purposes.map((value) => (
            <option key={value} value={value}>
              {words(value)}
            </option>
          ))}
        </select>
        <label htmlFor="consent-evidence">Evidence{legalBasis === 'CONSENT' ? ' (required for consent)' : ''}</label>
        <textarea
          id="consent-evidence"
          value={evidence}
          onChange={(e) => setEvidence(e.target.value)}
          rows={2}
          required={legalBasis === 'CONSENT'}
        />
        <button type="submit" disabled={recorded.fetching}>
          Record
        </button>
      </form>
      <form onSubmit={(event) => void submitWithdraw(event)} className="form panel" aria-labelledby="withdraw-title">
        <h2 id="withdraw-title">Withdraw a consent</h2>
        {inForce.length === 0 ? (
          <p className="muted">No consent in force.</p>
        ) : (
          <>
            <label htmlFor="withdraw-purpose">Purpose in force</label>
            <select
              id="withdraw-purpose"
              value={withdrawPurpose || inForce[0]}
              onChange={(e) => setWithdrawPurpose(e.target.value as Purpose)}
            >
              {inForce.map((value) => (
                <option key={value} value={value}>
                  {words(value)}
                </option>
              ))}
            </select>
            <label htmlFor="withdraw-evidence">How the withdrawal reached us</label>
            <textarea id="withdraw-evidence" value={withdrawEvidence} onChange={(e) => setWithdrawEvidence(e.target.value)} rows={2} />
            <button type="submit" disabled={withdrawn.fetching}>
              Withdraw
            </button>
          </>
        )}
      </form>
      {done && <SuccessNotice>{done}</SuccessNotice>}
      <ErrorNotice error={recorded.error ?? withdrawn.error} />
    </div>
  );
}

/** Purposes whose latest ledger entry is a grant (the history is oldest first). */
function inForcePurposes(subject: SubjectViewQuery['subject']): Purpose[] {
  const latest = new Map<Purpose, string>();
  for (const entry of subject?.consents ?? []) latest.set(entry.purpose, entry.action);
  return [...latest].filter(([, action]) => action === 'GRANTED').map(([purpose]) => purpose);
}
