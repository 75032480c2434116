import { toResource, type DeletionRequest, type DeletionTarget } from './deletion-request';

/**
 * The deletion requests the sandbox has accepted (collection `deletionRequests`,
 * docs/vendor-notes/README.md#sandboxes). One entry per
 * (property, id type, user id): an upsert of the same user again replaces it.
 */
export class DeletionRequestStore {
  private readonly requests = new Map<string, DeletionRequest>();

  private static key(target: DeletionTarget): string {
    return JSON.stringify([target.field, target.property, target.id.type, target.id.userId]);
  }

  /** Inserts or updates; `created` tells whether this user had no request for this property yet. */
  upsert(target: DeletionTarget, requestTime: string): { resource: DeletionRequest; created: boolean } {
    const key = DeletionRequestStore.key(target);
    const created = !this.requests.has(key);
    const resource = toResource(target, requestTime);
    // Re-insert so that listing order is "last received last".
    this.requests.delete(key);
    this.requests.set(key, resource);
    return { resource, created };
  }

  list(): DeletionRequest[] {
    return Array.from(this.requests.values(), (request) => ({ ...request, id: { ...request.id } }));
  }

  clear(): void {
    this.requests.clear();
  }
}
