import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/Notice';
import { ExportSubjectDocument, ObjectToMarketingDocument, UnsubscribeDocument } from '../../generated/graphql';
import { navigate } from '../../lib/router';

/** Requests that need no more than the email: unsubscribe, objection to marketing, access export. */
export function MarketingForm(props: { email: string }): JSX.Element {
  const [unsubscribed, unsubscribe] = useMutation(UnsubscribeDocument);
  const [objected, object] = useMutation(ObjectToMarketingDocument);
  const [exported, exportSubject] = useMutation(ExportSubjectDocument);
  const variables = { email: props.email };
  const busy = unsubscribed.fetching || objected.fetching || exported.fetching;
  return (
    <div className="stack">
      <section className="panel">
        <h2>Unsubscribe</h2>
        <p>Opts the person out of marketing email in every system.</p>
        <button
          type="button"
          disabled={busy}
          onClick={() => void unsubscribe(variables).then((r) => r.data && navigate(`/requests/${r.data.unsubscribe.id}`))}
        >
          File an unsubscribe
        </button>
      </section>
      <section className="panel">
        <h2>Object to direct marketing</h2>
        <p>GDPR Art. 21(2): the person is opted out in every system.</p>
        <button
          type="button"
          disabled={busy}
          onClick={() => void object(variables).then((r) => r.data && navigate(`/requests/${r.data.objectToMarketing.id}`))}
        >
          File an objection
        </button>
      </section>
      <section className="panel">
        <h2>Access export</h2>
        <p>GDPR Art. 15: one document from every connected system; download it from the request page once completed.</p>
        <button
          type="button"
          disabled={busy}
          onClick={() => void exportSubject(variables).then((r) => r.data && navigate(`/requests/${r.data.exportSubject.id}`))}
        >
          File an access request
        </button>
      </section>
      <ErrorNotice error={unsubscribed.error ?? objected.error ?? exported.error} />
    </div>
  );
}
