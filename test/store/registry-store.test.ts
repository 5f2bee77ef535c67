import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openSqliteEngine, type SqliteEngine } from '../../src/store/engine.js';

const NUMBER = '201701012393';
const TODAY = '2026-11-24';

describe('Registry on SQLite: reads remembered, never stale', () => {
  let dir: string;
  let here: SqliteEngine;
  let there: SqliteEngine;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-registry-store-'));
    const file = path.join(dir, 'store.db');
    [here, there] = [openSqliteEngine(file), openSqliteEngine(file)];
  });
  afterEach(async () => {
    await here.close();
    await there.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("sees another process's registration once the change feed is read, though it had read the number before", () => {
    expect(there.registry.get(NUMBER)).to.equal(undefined);
    here.registry.put({ personidentitet: NUMBER, status: 'FODD', since: TODAY, details: {} });
    there.feed.refresh();
    expect(there.registry.get(NUMBER)?.status).to.equal('FODD');
    here.registry.put({ personidentitet: NUMBER, status: 'VILANDE', since: TODAY, details: {} });
    there.feed.refresh();
    expect(there.registry.get(NUMBER)?.status).to.equal('VILANDE');
  });

  it('sees its own write at once', () => {
    expect(here.registry.get(NUMBER)).to.equal(undefined);
    here.registry.put({ personidentitet: NUMBER, status: 'FODD', since: TODAY, details: { kon: 'GIRL' } });
    expect(here.registry.get(NUMBER)).to.deep.include({ status: 'FODD', details: { kon: 'GIRL' } });
  });

  it('remembers nothing read inside a transaction that is then rolled back', () => {
    const register = here.db.transaction(() => {
      here.registry.put({ personidentitet: NUMBER, status: 'FODD', since: TODAY, details: {} });
      expect(here.registry.get(NUMBER)?.status).to.equal('FODD');
      throw new Error('rolled back');
    });
    expect(register).to.throw('rolled back');
    expect(here.registry.get(NUMBER)).to.equal(undefined);
  });

  it('hands out a remembered person that nobody can change', () => {
    here.registry.put({ personidentitet: NUMBER, status: 'FODD', since: TODAY, details: { kon: 'GIRL' } });
    const person = here.registry.get(NUMBER)!;
    expect(here.registry.get(NUMBER)).to.equal(person);
    expect(() => ((person as { status: string }).status = 'X')).to.throw(TypeError);
    expect(() => (person.details.kon = 'BOY')).to.throw(TypeError);
  });
});
