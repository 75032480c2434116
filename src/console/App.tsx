import { useMemo, useState } from 'react';
import { Provider } from 'urql';
import { createApiClient } from './api/client';
import { forgetToken, storedToken, storeToken } from './api/session';
import { Shell } from './Shell';
import { SignIn } from './pages/SignIn';

/** Signed out: the sign-in form. Signed in: the console, talking to /graphql with the token. */
export function App(): JSX.Element {
  const [token, setToken] = useState<string | null>(storedToken);
  const [notice, setNotice] = useState<string | null>(null);
  const client = useMemo(() => (token ? createApiClient(token) : null), [token]);
  const signOut = (reason: string | null): void => {
    forgetToken();
    setNotice(reason);
    setToken(null);
  };
  if (!token || !client) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(accepted) => {
          storeToken(accepted);
          setNotice(null);
          setToken(accepted);
        }}
      />
    );
  }
  return (
    <Provider value={client}>
      <Shell token={token} onSignOut={signOut} />
    </Provider>
  );
}
