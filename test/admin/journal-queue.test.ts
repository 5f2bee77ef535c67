import { expect } from 'chai';
import { Journal, type JournalEntry } from '../../src/journal/journal.js';

const entry = (n: number, body = ''): Omit<JournalEntry, 'id'> => ({
  receivedAt: '2026-11-24T10:00:00.000Z',
  today: '2026-11-24',
  durationMs: 1,
  service: 'SSBTEK',
  method: 'POST',
  path: '/ssbtek',
  outcome: 'ok',
  korrelationsid: `K-${n}`,
  request: { headers: {}, body },
  reply: { status: 200, body: '' },
});

describe('Journal: the newest entries, at a fixed cost per entry', () => {
  it('keeps the newest `capacity` entries in order through many rounds of dropping the oldest', () => {
    const journal = new Journal(true, 100);
    const ids: string[] = [];
    for (let n = 0; n < 1_000; n++) ids.push(journal.record(entry(n))!.id);
    expect(journal.size).to.equal(100);
    const listed = journal.list({}, 1_000);
    expect(listed.map((e) => e.korrelationsid)).to.deep.equal(Array.from({ length: 100 }, (_, i) => `K-${999 - i}`));
    expect(journal.get(ids[899]!), 'the oldest dropped').to.equal(undefined);
    expect(journal.get(ids[900]!)?.korrelationsid).to.equal('K-900');
    expect(journal.countMatching({ korrelationsid: 'K-950' })).to.equal(1);
    journal.resize(10);
    expect(journal.list({}, 1_000).map((e) => e.korrelationsid)[9]).to.equal('K-990');
    journal.clear();
    expect(journal.size).to.equal(0);
    journal.record(entry(1));
    expect(journal.list().length).to.equal(1);
  });

  it('drops the oldest by characters as well as by count', () => {
    const journal = new Journal(true, 1_000, 10_000);
    for (let n = 0; n < 200; n++) journal.record(entry(n, 'x'.repeat(1_000)));
    // Each entry counts its body and 512 for the rest: 6 fit in 10,000.
    expect(journal.size).to.equal(6);
    expect(journal.list()[0]?.korrelationsid).to.equal('K-199');
  });

  it('keeps its share of the capacity when workers keep the journal between them (⌈capacity / N⌉ each)', () => {
    const journal = new Journal(true, 1000, undefined, 3);
    for (let n = 0; n < 2_000; n++) journal.record(entry(n));
    expect(journal.capacity, 'the capacity set').to.equal(1000);
    expect(journal.ownCapacity).to.equal(334);
    expect(journal.size).to.equal(334);
    expect(journal.list({}, 1)[0]?.korrelationsid).to.equal('K-1999');
    journal.resize(10);
    expect([journal.capacity, journal.ownCapacity, journal.size]).to.deep.equal([10, 4, 4]);
  });

  it('records an exchange in about the same time whatever its capacity', () => {
    const time = (capacity: number): number => {
      const journal = new Journal(true, capacity);
      for (let n = 0; n < capacity; n++) journal.record(entry(n));
      const started = performance.now();
      for (let n = 0; n < 20_000; n++) journal.record(entry(n));
      return performance.now() - started;
    };
    time(1_000);
    const small = time(100);
    const large = time(50_000);
    // Copying the whole list on every drop made this grow with the capacity (500× here); a queue does not.
    expect(large).to.be.below(small * 10 + 50);
  });
});
