import type { ContactDetails, PuRegistry, ReserveIdentity } from '../../../../src/pu/registry.js';

/**
 * A PuRegistry held in memory: reserve identities and contact details added with `addReserve`/`setContactDetails`.
 * The tests' registry.
 */
export class MemoryPuRegistry implements PuRegistry {
  private readonly reserves = new Map<string, ReserveIdentity>();
  private readonly contacts = new Map<string, ContactDetails>();

  addReserve(reserve: ReserveIdentity): this {
    this.reserves.set(reserve.id, reserve);
    return this;
  }

  setContactDetails(details: ContactDetails): this {
    this.contacts.set(details.personidentitet, details);
    return this;
  }

  reserve(id: string): ReserveIdentity | undefined {
    return this.reserves.get(id);
  }

  reservesLinkedTo(personidentitet: string): ReserveIdentity[] {
    return [...this.reserves.values()]
      .filter((r) => r.linkedTo === personidentitet)
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  contactDetails(personidentitet: string): ContactDetails | undefined {
    return this.contacts.get(personidentitet);
  }
}
