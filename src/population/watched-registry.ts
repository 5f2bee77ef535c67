import type { RegisteredPerson, RegistryStore } from '../store/registry-store.js';

/**
 * A registry that says when it changes: every write (a reported birth, a renewed samordningsnummer) may change what
 * every base service answers for the persons involved, so answers kept from before it must go (ssbtek/kept-answers).
 */
export function watchedRegistry(store: RegistryStore, onChange: () => void): RegistryStore {
  return {
    get: (personidentitet: string) => store.get(personidentitet),
    list: (status?: string) => store.list(status),
    put(person: RegisteredPerson): void {
      store.put(person);
      onChange();
    },
  };
}
