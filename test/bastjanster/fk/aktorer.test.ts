import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { FK_FELKODER } from '../../../src/bastjanster/fk/felkoder.js';
import { fk, fkService } from '../../../src/bastjanster/fk/index.js';
import { checkFkAktorer, FkAktorer, OKAND_AKTOR } from '../../../src/bastjanster/fk/lefi/aktorer.js';
import { FkIntegrationError } from '../../../src/bastjanster/fk/lefi/request-mapping.js';
import { ConfigError, configFromEnv, loadConfigFile } from '../../../src/config.js';
import { adapterContext, emulatorContext } from '../../support/context.js';
import { postSoap, v10Request } from '../../support/requests.js';
import { startServer, type TestServer } from '../../support/server.js';
import { at, textAt, tree } from '../../support/xml.js';
import { lefiFraga, lefiQuestion, PERSONER } from './support.js';

/** The aktörs-id the one public SSBTEK client sends (Försäkringskassan assigns ids of this kind to municipalities). */
const KOMMUN = '026-51';
const UUID = '9255f428-4ba0-63ce-5407-e65d469fac0f';
const SUNDSVALL = { aktorsid: KOMMUN, organisationsnummer: '212000-2411', namn: 'Socialnämnden, Kommun A' };

const question = lefiQuestion(PERSONER.foraldraledig, { formansinformation: ['FK:FP'] });
const lefiPath = (segment: string): string =>
  `/lefi-extern-formansinformation/v9/aktorer/${segment}/formansinformation/fraga`;

describe('FK LEFI aktörer: which ids are known (lefi/aktorer.ts)', () => {
  const alla = FkAktorer.fran();

  for (const id of [KOMMUN, UUID, UUID.toUpperCase(), 'kommun-a', 'K1', '7', 'a.b_c-d', 'x'.repeat(64)]) {
    it(`knows "${id}" by default (an id FK could have assigned)`, () => expect(alla.kand(id)).to.equal(true));
  }

  for (const id of ['', 'kommun a', 'a/b', '50%', '.', '..', '-026', '026-', 'x'.repeat(65), 'kommun-å', OKAND_AKTOR]) {
    it(`does not know "${id}" by default`, () => expect(alla.kand(id)).to.equal(false));
  }

  it('with a configured list knows exactly the listed aktörer (letter case aside)', () => {
    const lista = FkAktorer.fran([SUNDSVALL, { aktorsid: UUID }]);
    expect([KOMMUN, UUID, UUID.toUpperCase()].map((id) => lista.kand(id))).to.deep.equal([true, true, true]);
    expect(['026-52', 'kommun-a', OKAND_AKTOR].map((id) => lista.kand(id))).to.deep.equal([false, false, false]);
  });
});

describe('FK LEFI aktörer: the setting fkAktorer (config file) and SSBTEK_FK_AKTORER', () => {
  it('accepts a list of {aktorsid, organisationsnummer?, namn?}', () => {
    expect(checkFkAktorer([SUNDSVALL, { aktorsid: UUID }], 'fkAktorer')).to.deep.equal([SUNDSVALL, { aktorsid: UUID }]);
  });

  const refused: [string, unknown, RegExp][] = [
    ['not a list', { aktorsid: KOMMUN }, /^fkAktorer: must be a list/],
    ['an empty list', [], /^fkAktorer: must list at least one aktör/],
    ['a bare string', [KOMMUN], /^fkAktorer\[0\]: must be an object/],
    ['an unknown field', [{ aktorsid: KOMMUN, kommun: 'A' }], /^fkAktorer\[0\]\.kommun: is not a known field/],
    ['no aktorsid', [{ namn: 'A' }], /^fkAktorer\[0\]\.aktorsid: must be an id Försäkringskassan could assign/],
    ['an aktorsid with a space', [{ aktorsid: '026 51' }], /^fkAktorer\[0\]\.aktorsid: must be an id/],
    ['an aktorsid with a slash', [{ aktorsid: '026/51' }], /^fkAktorer\[0\]\.aktorsid: must be an id/],
    ['the unknown aktör', [{ aktorsid: OKAND_AKTOR }], /^fkAktorer\[0\]\.aktorsid: .* is reserved/],
    ['an aktör twice', [{ aktorsid: UUID }, { aktorsid: UUID.toUpperCase() }], /^fkAktorer\[1\]\.aktorsid: .*twice/],
    [
      'a wrong check digit in the organisationsnummer',
      [{ aktorsid: KOMMUN, organisationsnummer: '212000-2412' }],
      /^fkAktorer\[0\]\.organisationsnummer: must be an organisationsnummer/,
    ],
    ['an empty namn', [{ aktorsid: KOMMUN, namn: ' ' }], /^fkAktorer\[0\]\.namn: must be a non-empty string/],
  ];
  for (const [what, value, message] of refused) {
    it(`refuses ${what}, naming the setting`, () => {
      expect(() => checkFkAktorer(value, 'fkAktorer')).to.throw(message);
    });
  }

  describe('in a config file', () => {
    let dir: string;
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-aktorer-'))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = (content: unknown): string => {
      const name = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
      fs.writeFileSync(name, JSON.stringify(content));
      return name;
    };

    it('reads fkAktorer', () => {
      expect(loadConfigFile(file({ fkAktorer: [SUNDSVALL] })).fkAktorer).to.deep.equal([SUNDSVALL]);
    });

    it('leaves fkAktorer unset by default (every aktör FK could have assigned is known)', () => {
      expect(loadConfigFile(file({ port: 9090 })).fkAktorer).to.equal(undefined);
    });

    it('refuses a bad fkAktorer with a ConfigError naming the file, the key and the entry', () => {
      const bad = file({ fkAktorer: [{ aktorsid: 'kommun a' }] });
      expect(() => loadConfigFile(bad))
        .to.throw(ConfigError)
        .with.property('message')
        .that.contains(bad)
        .and.contains('fkAktorer[0].aktorsid: must be an id Försäkringskassan could assign');
      expect(() => loadConfigFile(file({ fkAktorer: KOMMUN }))).to.throw(ConfigError, /"fkAktorer" must be an object/);
    });
  });

  it('reads SSBTEK_FK_AKTORER as ids separated by commas', () => {
    expect(configFromEnv({ SSBTEK_FK_AKTORER: `${KOMMUN}, ${UUID}` }).fkAktorer).to.deep.equal([
      { aktorsid: KOMMUN },
      { aktorsid: UUID },
    ]);
    expect(configFromEnv({}).fkAktorer).to.equal(undefined);
    expect(() => configFromEnv({ SSBTEK_FK_AKTORER: `${KOMMUN},,x` })).to.throw(/^SSBTEK_FK_AKTORER\[1\]\.aktorsid/);
  });
});

describe('FK LEFI aktörer: the aktorsid in the path (request-mapping.ts)', () => {
  const pathFor = (aktorsid: string): string =>
    fk.adapter.toNative(lefiFraga(question, { aktorsid }), adapterContext()).path;

  it('sends 026-51 and a UUID as they are', () => {
    expect(pathFor(KOMMUN)).to.equal(lefiPath(KOMMUN));
    expect(pathFor(UUID)).to.equal(lefiPath(UUID));
  });

  it("percent-encodes '/', spaces and '%' so they stay inside the aktör's segment", () => {
    expect(pathFor('a/b')).to.equal(lefiPath('a%2Fb'));
    expect(pathFor('kommun a')).to.equal(lefiPath('kommun%20a'));
    expect(pathFor('50%')).to.equal(lefiPath('50%25'));
  });

  it('refuses a dot-only aktorsid (URL resolution would remove it as a dot segment)', () => {
    for (const aktorsid of ['.', '..']) expect(() => pathFor(aktorsid)).to.throw(FkIntegrationError, /sökväg/);
  });

  it('answers 403 for such ids in the path, and for a segment that is not valid percent-encoding', async () => {
    for (const segment of ['a%2Fb', 'kommun%20a', '50%25', '%E0%A4%A', encodeURIComponent(OKAND_AKTOR)]) {
      const response = await fk.emulator.handle(
        { path: lefiPath(segment), contentType: 'application/json', body: JSON.stringify(question) },
        emulatorContext(),
      );
      expect(response.status, segment).to.equal(403);
    }
  });

  it('gives a configured FK emulator its own list (no shared state between instances)', async () => {
    const konfigurerad = fkService({ aktorer: [SUNDSVALL] });
    const status = async (service: typeof fk, aktorsid: string): Promise<number> =>
      (
        await service.emulator.handle(
          service.adapter.toNative(lefiFraga(question, { aktorsid }), adapterContext()),
          emulatorContext(),
        )
      ).status;
    expect(await status(konfigurerad, KOMMUN)).to.equal(200);
    expect(await status(konfigurerad, UUID)).to.equal(403);
    expect(await status(fk, UUID)).to.equal(200);
  });
});

/** FK's part of a composite v10 answer: its data's LEFI answer, or its error. */
function fkDel(body: string): {
  lefi?: { formansinformation?: Record<string, unknown> };
  felkod?: string;
  text?: string;
} {
  const fkSvar = at(tree(body), 'Body', 'hamtaBastjanstInformationResponse', 'svarsdata', 'FK');
  const base64 = textAt(fkSvar, 'data', 'lefiJsonSvar');
  if (base64 !== undefined) return { lefi: JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as never };
  return { felkod: textAt(fkSvar, 'error', 'felkod'), text: fkSvar && JSON.stringify(fkSvar) };
}

const lefiJson = {
  personnummer: PERSONER.foraldraledig,
  period: { from: '2026-10-01', tom: '2026-11-20' },
  formansinformation: ['FK:FP'],
};

async function composite(server: TestServer, aktorsid: string) {
  const reply = await postSoap(
    `${server.url}/ssbtek`,
    v10Request({ personidentitet: PERSONER.foraldraledig, include: ['FK'], aktorsid, lefiJson }),
  );
  expect(reply.status, reply.body).to.equal(200);
  return fkDel(reply.body);
}

async function native(server: TestServer, segment: string): Promise<number> {
  const response = await fetch(`${server.url}/bastjanster/fk${lefiPath(segment)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(lefiJson),
  });
  return response.status;
}

describe('FK LEFI aktörer through the whole emulator (composite v10 query and FK on its own path)', () => {
  describe('default: every id FK could have assigned', () => {
    let server: TestServer;
    before(async () => (server = await startServer()));
    after(() => server.close());

    for (const aktorsid of [KOMMUN, UUID]) {
      it(`answers data for aktorsid ${aktorsid}, in the composite answer and natively`, async () => {
        const del = await composite(server, aktorsid);
        expect(del.lefi?.formansinformation).to.have.property('foraldrapenningarende');
        expect(await native(server, aktorsid)).to.equal(200);
      });
    }

    it(`answers the unknown aktör (${OKAND_AKTOR}) with LEFI's 403 → BT 1001 "Aktören är okänd…"`, async () => {
      const del = await composite(server, OKAND_AKTOR);
      expect(del.felkod).to.equal('1001');
      expect(del.text).to.contain(FK_FELKODER[1001]).and.contain('Aktören är okänd');
      expect(await native(server, OKAND_AKTOR)).to.equal(403);
    });
  });

  describe('a configured list (fkAktorer)', () => {
    let server: TestServer;
    // LEFI also knows every aktör of the connection agreements (the embedded ones give Sundsvall the UUID too).
    const organisationer = [
      { organisationsnummer: '2120002411', namn: 'Sundsvall', fkAktorer: [KOMMUN], bastjanster: ['FK' as const] },
    ];
    before(
      async () => (server = await startServer({ fkAktorer: [SUNDSVALL], anslutningar: { organisationer, ombud: [] } })),
    );
    after(() => server.close());

    it('admits its aktör', async () => {
      expect((await composite(server, KOMMUN)).lefi?.formansinformation).to.have.property('foraldrapenningarende');
      expect(await native(server, KOMMUN)).to.equal(200);
    });

    for (const aktorsid of ['026-52', UUID]) {
      it(`refuses ${aktorsid}, which it does not list (403 → BT 1001)`, async () => {
        expect((await composite(server, aktorsid)).felkod).to.equal('1001');
        expect(await native(server, aktorsid)).to.equal(403);
      });
    }
  });
});
