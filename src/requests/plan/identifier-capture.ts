/**
 * Which erasures need identifiers read from other systems first (Google Analytics erases by client
 * id, which Salesforce and Marketo records carry), and which systems read them.
 */
import type { ConnectedSystem, ConnectorCapabilities, IdentifierType } from '../../connectors/connector.types';

export interface CapturePlan {
  /** Per system: the identifier types to read from it before it is erased. */
  captures: ReadonlyMap<ConnectedSystem, readonly IdentifierType[]>;
  /** Systems whose erasure must wait until every capturing task has finished. */
  waiting: ReadonlySet<ConnectedSystem>;
  /** Systems whose erasure needs identifiers no planned system carries, with the missing types. */
  missing: ReadonlyMap<ConnectedSystem, readonly IdentifierType[]>;
}

/** `systems`: the connected systems that get a task, with their capabilities. */
export function planIdentifierCapture(systems: ReadonlyMap<ConnectedSystem, ConnectorCapabilities>): CapturePlan {
  const captures = new Map<ConnectedSystem, IdentifierType[]>();
  const waiting = new Set<ConnectedSystem>();
  const missing = new Map<ConnectedSystem, IdentifierType[]>();
  for (const [system, capabilities] of systems) {
    if (capabilities.erase === 'NONE' || capabilities.eraseRequires.length === 0) continue;
    const carriersByType = capabilities.eraseRequires.map((type) => ({
      type,
      carriers: [...systems].filter(([other, its]) => other !== system && its.carriesIdentifiers.includes(type)).map(([other]) => other),
    }));
    const uncarried = carriersByType.filter(({ carriers }) => carriers.length === 0).map(({ type }) => type);
    if (uncarried.length > 0) {
      missing.set(system, uncarried);
      continue;
    }
    waiting.add(system);
    for (const { type, carriers } of carriersByType) for (const carrier of carriers) addOnce(captures, carrier, type);
  }
  return { captures, waiting, missing };
}

function addOnce(captures: Map<ConnectedSystem, IdentifierType[]>, system: ConnectedSystem, type: IdentifierType): void {
  const types = captures.get(system) ?? [];
  if (!types.includes(type)) types.push(type);
  captures.set(system, types);
}
