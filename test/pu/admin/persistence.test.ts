import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { SqlitePuRegistry } from '../../../src/pu/store/sqlite-pu-registry.js';
import { openDatabase } from '../../../src/store/sqlite.js';
import { PERSONNUMMER, call, start } from './support.js';

describe('PU admin: the store survives a restart', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pu-admin-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps reserve identities, links and contact details, and migrates once', async () => {
    const storePath = path.join(dir, 'store.db');
    const pnr = PERSONNUMMER[30] as string;
    let server = await start({ storePath });
    const id = String((await call(server, 'POST', '/reserve-identities/national', { body: {} })).body.id);
    await call(server, 'PUT', `/reserve-identities/${id}/link`, { body: { personidentitet: pnr } });
    const consent = { givenAt: '2026-11-01T10:00:00Z', sharedWith: ['ALL'] };
    await call(server, 'PUT', `/contacts/${pnr}`, { body: { email: 'kvar@example.se', consent } });
    await server.close();

    server = await start({ storePath });
    try {
      expect((await call(server, 'GET', `/reserve-identities/${id}`)).body.linkedTo).to.equal(pnr);
      expect((await call(server, 'GET', `/contacts/${pnr}`)).body.email).to.equal('kvar@example.se');
    } finally {
      await server.close();
    }

    const db = openDatabase(storePath);
    try {
      const registry = new SqlitePuRegistry(db);
      expect(registry.reservesLinkedTo(pnr).map((r) => r.id)).to.deep.equal([id]);
      const versions = db.prepare("SELECT version FROM schema_migrations WHERE module = 'pu'").all();
      expect(versions).to.deep.equal([{ version: 1 }]);
    } finally {
      db.close();
    }
  });
});
