import { useState, type FormEvent } from 'react';
import { createApiClient } from '../api/client';
import { refusalMessage } from '../api/refusal';
import { ViewerDocument } from '../generated/graphql';
import { ErrorNotice } from '../components/Notice';

/** Asks the gateway who the token belongs to before keeping it. */
export function SignIn(props: { notice: string | null; onSignedIn: (token: string) => void }): JSX.Element {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(props.notice);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const candidate = token.trim();
    if (!candidate) return setError('Enter your access token.');
    setBusy(true);
    const result = await createApiClient(candidate).query(ViewerDocument, {}, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    if (result.data?.viewer) props.onSignedIn(candidate);
    else setError(result.error ? refusalMessage(result.error) : 'The gateway did not answer.');
  };
  return (
    <main className="sign-in">
      <h1>DPO console</h1>
      <p>Sign in with the access token the gateway gave you. It is kept in this tab only and forgotten when the tab closes.</p>
      <form onSubmit={(event) => void submit(event)} className="form">
        <label htmlFor="token">Access token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          required
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
      <ErrorNotice error={error} />
    </main>
  );
}
