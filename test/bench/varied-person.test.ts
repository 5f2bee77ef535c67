import { expect } from 'chai';
import {
  TEST_PERSONNUMMER,
  VARIED_PERSONNUMMER,
  WAITING_SCENARIO_PERSONS,
  variedPerson,
} from '../../bench/requests.js';
import { BASE_SERVICES } from '../../src/bastjanster/registry.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { loadDialects } from '../../src/ssbtek/dialects.js';
import { includedServices } from '../../src/ssbtek/model.js';
import { readFraga } from '../../src/ssbtek/read-fraga.js';
import { checkFraga } from '../../src/ssbtek/semantics.js';
import { NS } from '../../src/xml/namespaces.js';
import { readXml } from '../../src/xml/parse.js';
import { readEnvelope } from '../../src/xml/soap.js';

const binding = loadDialects().get(NS.ssbtV10)!;

function nativesOf(n: number): Map<string, string> {
  const parsed = readXml(Buffer.from(variedPerson(n), 'utf8'));
  try {
    const { payload } = readEnvelope(parsed.root);
    expect(binding.schema.validate(parsed, payload), `query ${n} valid`).to.deep.equal([]);
    const fraga = readFraga(payload, binding.dialect);
    expect(checkFraga(fraga), `query ${n} accepted`).to.deep.equal([]);
    const settings = { testmiljo: DEFAULT_CONFIG.testmiljo, systemId: DEFAULT_CONFIG.systemId };
    const context = { settings, korrelationsid: fraga.korrelationsid ?? '' };
    return new Map(
      includedServices(fraga).map((id) => {
        const service = BASE_SERVICES.find((s) => s.id === id)!;
        return [id, service.adapter.toNative(fraga, context).body];
      }),
    );
  } finally {
    parsed.dispose();
  }
}

describe("The bench's varied-person query (bench/requests.ts, the (v) rows)", () => {
  it('asks all seven base services, each differently every time it goes round the CC0 list', () => {
    const rounds = [0, 1, 2].map((round) => round * VARIED_PERSONNUMMER.length);
    // The same person each round: the rotation's stride is prime to the list's length.
    for (const n of rounds) expect(variedPerson(n)).to.include(`<ssbt:personidentitet>${VARIED_PERSONNUMMER[0]}<`);
    const natives = rounds.map(nativesOf);
    expect([...natives[0]!.keys()]).to.have.members(['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV']);
    for (const service of natives[0]!.keys()) {
      const bodies = new Set(natives.map((m) => m.get(service)));
      expect(bodies.size, `${service}'s native request differs each round`).to.equal(rounds.length);
    }
  });

  it('goes round every CC0 person but those whose scenario is a delay or no answer, each once a round', () => {
    const waiting = WAITING_SCENARIO_PERSONS;
    // The scenario person whose Skatteverket answers after 15 s (fixtures/population/scenario-persons/general.json).
    expect(waiting).to.include('198412042395');
    const asked = new Set<string>();
    for (let n = 0; n < VARIED_PERSONNUMMER.length; n++) {
      asked.add(/<ssbt:personidentitet>(\d{12})</.exec(variedPerson(n))![1]!);
    }
    expect(asked.size).to.equal(VARIED_PERSONNUMMER.length);
    expect(asked.size).to.equal(TEST_PERSONNUMMER.length - waiting.length);
    for (const id of waiting) expect(asked.has(id), id).to.equal(false);
    // Scenario persons that answer at once stay: an SKV error code (skv.json), garbage and HTTP 500 (general.json).
    for (const id of ['198701052394', '198305032396']) expect(asked.has(id), id).to.equal(true);
  });
});
