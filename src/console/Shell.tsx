import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { isAuthRefusal } from './api/refusal';
import { ErrorNotice, DpoOnly, Loading } from './components/Notice';
import { ViewerDocument } from './generated/graphql';
import { Link, usePath } from './lib/router';
import { ActPage, isActKind } from './pages/ActPage';
import { AuditPage } from './pages/AuditPage';
import { PersonPage } from './pages/PersonPage';
import { RegisterPage } from './pages/RegisterPage';
import { RequestPage } from './pages/RequestPage';
import { RequestQueue } from './pages/RequestQueue';

const NAV = [
  { to: '/people', label: 'Find a person', dpoOnly: false },
  { to: '/requests', label: 'Requests', dpoOnly: false },
  { to: '/register', label: 'Register', dpoOnly: false },
  { to: '/audit', label: 'Audit log', dpoOnly: true },
] as const;

/** The signed-in console: the role from `viewer`, the navigation, and the page for the path. */
export function Shell(props: { token: string; onSignOut: (reason: string | null) => void }): JSX.Element {
  const [{ data, error, fetching }] = useQuery({ query: ViewerDocument, requestPolicy: 'network-only' });
  const path = usePath();
  // The person stays chosen while the DPO moves between their view and the act pages (not in the URL).
  const [email, setEmail] = useState<string | null>(null);
  const { onSignOut } = props;
  useEffect(() => {
    if (isAuthRefusal(error)) onSignOut('The gateway no longer accepts this token: sign in again.');
  }, [error, onSignOut]);
  if (fetching && !data) return <Loading what="your role" />;
  if (!data) return <ErrorNotice error={error} />;
  const { role, label } = data.viewer;
  const isDpo = role === 'DPO';
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Privacy gateway · DPO console</span>
        <nav aria-label="Console">
          <ul>
            {NAV.filter((item) => isDpo || !item.dpoOnly).map((item) => (
              <li key={item.to}>
                <Link to={item.to} current={path.startsWith(item.to)}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who">
          Signed in as <strong>{role === 'DPO' ? 'DPO' : 'viewer'}</strong> <span className="muted">({label})</span>
          <button type="button" className="link-button" onClick={() => props.onSignOut(null)}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <Page path={path} isDpo={isDpo} email={email} onEmail={setEmail} token={props.token} />
      </main>
    </>
  );
}

function Page(props: {
  path: string;
  isDpo: boolean;
  email: string | null;
  onEmail: (email: string | null) => void;
  token: string;
}): JSX.Element {
  const { path, isDpo, email } = props;
  const parts = path.split('/').filter(Boolean);
  const [section, sub] = parts;
  switch (section) {
    case undefined:
    case 'people':
      if (sub === undefined) return <PersonPage email={email} onEmail={props.onEmail} isDpo={isDpo} />;
      if (!isActKind(sub)) return <NotFound />;
      return isDpo ? <ActPage kind={sub} email={email} /> : <DpoOnly />;
    case 'requests':
      return sub ? <RequestPage id={sub} isDpo={isDpo} token={props.token} /> : <RequestQueue />;
    case 'register':
      return <RegisterPage />;
    case 'audit':
      return isDpo ? <AuditPage /> : <DpoOnly />;
    default:
      return <NotFound />;
  }
}

function NotFound(): JSX.Element {
  return (
    <section aria-labelledby="not-found">
      <h1 id="not-found">No such page</h1>
      <p>
        <Link to="/people">Find a person</Link> or open the <Link to="/requests">request queue</Link>.
      </p>
    </section>
  );
}
