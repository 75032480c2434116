import { useQuery } from 'urql';
import { ErrorNotice, Loading } from '../components/Notice';
import { ActionRegisterDocument, SubjectViewDocument } from '../generated/graphql';
import { Link } from '../lib/router';
import { ConsentForms } from './act/ConsentForms';
import { EraseForm } from './act/EraseForm';
import { LegalHoldForm } from './act/LegalHoldForm';
import { MarketingForm } from './act/MarketingForm';
import { RectifyForm } from './act/RectifyForm';

const ACT_KINDS = ['erase', 'rectify', 'marketing', 'hold', 'consent'] as const;
export type ActKind = (typeof ACT_KINDS)[number];

export function isActKind(value: string): value is ActKind {
  return (ACT_KINDS as readonly string[]).includes(value);
}

const TITLES: Record<ActKind, string> = {
  erase: 'Erase',
  rectify: 'Rectify',
  marketing: 'Unsubscribe, object, export',
  hold: 'Legal hold',
  consent: 'Record or withdraw a consent',
};

/** The DPO's act pages: each works on the person chosen on "Find a person". */
export function ActPage(props: { kind: ActKind; email: string | null }): JSX.Element {
  const { kind, email } = props;
  const [subjectResult] = useQuery({ query: SubjectViewDocument, variables: { email: email ?? '' }, pause: email === null });
  const [registerResult] = useQuery({ query: ActionRegisterDocument });
  return (
    <section aria-labelledby="act-title">
      <p>
        <Link to="/people">← Back to the person</Link>
      </p>
      <h1 id="act-title">
        {TITLES[kind]}
        {email && <span className="muted"> · {email}</span>}
      </h1>
      {email === null ? (
        <p role="status">
          Choose a person first on <Link to="/people">Find a person</Link>.
        </p>
      ) : !subjectResult.data || !registerResult.data ? (
        <>
          <ErrorNotice error={subjectResult.error ?? registerResult.error} />
          {(subjectResult.fetching || registerResult.fetching) && <Loading what="the person and the register" />}
        </>
      ) : (
        <ActForm kind={kind} email={email} subject={subjectResult.data.subject ?? null} register={registerResult.data} />
      )}
    </section>
  );
}

function ActForm(props: {
  kind: ActKind;
  email: string;
  subject: Parameters<typeof EraseForm>[0]['subject'];
  register: Parameters<typeof EraseForm>[0]['register'];
}): JSX.Element {
  const { kind, email, subject, register } = props;
  switch (kind) {
    case 'erase':
      return <EraseForm email={email} subject={subject} register={register} />;
    case 'rectify':
      return <RectifyForm email={email} subject={subject} />;
    case 'marketing':
      return <MarketingForm email={email} />;
    case 'hold':
      return <LegalHoldForm email={email} />;
    case 'consent':
      return <ConsentForms email={email} subject={subject} register={register} />;
  }
}
