import DataLoader from 'dataloader';
import { normaliseEmail } from '../../domain/email';
import type { Suppression } from '../../store/suppression.repository';
import type { GatewayContext } from '../context';

// Private: one loader per request (keyed by its context), so a page of subjects costs one query.
const loaders = new WeakMap<GatewayContext, DataLoader<string, Suppression | null>>();

/** The person's suppression-list entry (null when never erased), batched across the request. */
export function suppressionOf(context: GatewayContext, email: string): Promise<Suppression | null> {
  let loader = loaders.get(context);
  if (!loader) {
    loader = new DataLoader(async (emails: readonly string[]) => {
      const found = await context.services.suppressions.findMany(emails);
      return emails.map((email) => found.get(email) ?? null);
    });
    loaders.set(context, loader);
  }
  return loader.load(normaliseEmail(email));
}
