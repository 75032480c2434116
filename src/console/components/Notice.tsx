import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { refusalMessage } from '../api/refusal';

/** An API refusal or failure in words, announced to screen readers. */
export function ErrorNotice(props: { error: CombinedError | string | undefined | null }): JSX.Element | null {
  if (!props.error) return null;
  const message = typeof props.error === 'string' ? props.error : refusalMessage(props.error);
  return (
    <p className="notice notice-error" role="alert">
      {message}
    </p>
  );
}

export function SuccessNotice(props: { children: ReactNode }): JSX.Element {
  return (
    <p className="notice notice-ok" role="status">
      {props.children}
    </p>
  );
}

/** What a VIEWER sees on a DPO page reached by URL: no form, the reason. */
export function DpoOnly(): JSX.Element {
  return (
    <section aria-labelledby="dpo-only">
      <h1 id="dpo-only">DPO only</h1>
      <p className="notice notice-error" role="alert">
        This page changes personal data or reads the audit log: only a DPO may use it. You are signed in as a viewer.
      </p>
    </section>
  );
}

export function Loading(props: { what: string }): JSX.Element {
  return (
    <p role="status" className="muted">
      Loading {props.what}…
    </p>
  );
}
