import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { resolveConfig, startLine } from '../../../src/cli/commands/serve.js';
import { ConfigError, configFromEnv, DEFAULT_CONFIG, loadConfigFile } from '../../../src/config.js';
import {
  AnslutningarError,
  checkAnslutningar,
  DEFAULT_ANSLUTNINGAR,
} from '../../../src/ssbtek/callers/anslutningar.js';
import { organisationsnummer } from '../../../src/ssbtek/callers/organisationsnummer.js';
import { fkAktorerWithAgreements } from '../../../src/ssbtek/callers/settings.js';
import { SERVICE_IDS } from '../../../src/ssbtek/model.js';

const org = (nummer: string, extra: Record<string, unknown> = {}) => ({ organisationsnummer: nummer, ...extra });

describe('SSBTEK callers: organisationsnummer as callers write them', () => {
  for (const [raw, ten] of [
    ['2120002411', '2120002411'],
    ['212000-2411', '2120002411'],
    ['162120002411', '2120002411'],
    [' 5565866992 ', '5565866992'],
    ['1620002411', undefined], // 16 and eight digits: not a prefix, and the ten digits' check digit is wrong
    ['5565866996', undefined], // the seed's ombud: wrong check digit
    ['16556586996', undefined], // the seed's serialNumber: eleven digits
    ['172120002411', undefined], // twelve digits, another prefix
    ['SE2120002411', undefined],
    ['', undefined],
  ] as const) {
    it(`"${raw}" → ${ten ?? 'none'}`, () => expect(organisationsnummer(raw)).to.equal(ten));
  }
});

describe('SSBTEK callers: the agreements setting (anslutningar)', () => {
  it('the embedded agreements are what the issue asks for and pass their own check unchanged', () => {
    expect(checkAnslutningar(DEFAULT_ANSLUTNINGAR, 'default')).to.deep.equal(DEFAULT_ANSLUTNINGAR);
    const numbers = DEFAULT_ANSLUTNINGAR.organisationer.map((o) => o.organisationsnummer);
    expect(numbers).to.include.members(['2120002411', '8020069582']).and.not.include('5599000030');
    const ombud = DEFAULT_ANSLUTNINGAR.ombud.find((o) => o.organisationsnummer === '5565866992');
    expect(ombud?.kunder).to.deep.equal(['8020069582']);
    expect(DEFAULT_ANSLUTNINGAR.ombud.map((o) => o.organisationsnummer)).to.not.include('5565866996');
  });

  it('normalizes numbers, defaults the services to all seven and writes them in contract order', () => {
    const checked = checkAnslutningar(
      {
        organisationer: [
          org('162120002411', { fkAktorer: ['K-1'] }),
          org('212000-1355', { bastjanster: ['SO', 'AF'] }),
        ],
        ombud: [{ organisationsnummer: '5565866992', kunder: ['212000-2411', '2120002411'] }],
      },
      'anslutningar',
    );
    expect(checked).to.deep.equal({
      organisationer: [
        { organisationsnummer: '2120002411', namn: '2120002411', fkAktorer: ['K-1'], bastjanster: [...SERVICE_IDS] },
        { organisationsnummer: '2120001355', namn: '2120001355', fkAktorer: [], bastjanster: ['AF', 'SO'] },
      ],
      ombud: [{ organisationsnummer: '5565866992', namn: '5565866992', kunder: ['2120002411'] }],
    });
  });

  const refusals: [string, unknown, RegExp][] = [
    ['a list', [], /^anslutningar: must be an object/],
    ['an unknown field', { organisationer: [], avtal: [] }, /anslutningar\.avtal: is not a known field/],
    [
      'a wrong check digit',
      { organisationer: [org('5565866996')] },
      /organisationer\[0\]\.organisationsnummer: must be/,
    ],
    [
      'a number twice',
      { organisationer: [org('2120002411'), org('162120002411')] },
      /organisationer\[1\]: 2120002411 is listed twice/,
    ],
    [
      'one aktör for two organisations',
      { organisationer: [org('2120002411', { fkAktorer: ['a-1'] }), org('2120001355', { fkAktorer: ['A-1'] })] },
      /organisationer\[1\]\.fkAktorer\[0\]: "A-1" is already 2120002411's aktör/,
    ],
    [
      'the nil UUID as an aktör',
      { organisationer: [org('2120002411', { fkAktorer: ['00000000-0000-0000-0000-000000000000'] })] },
      /fkAktorer\[0\]: must be an aktörs-id/,
    ],
    [
      'an unknown service',
      { organisationer: [org('2120002411', { bastjanster: ['AF', 'SCB'] })] },
      /"SCB" is not one of AF/,
    ],
    ['no service', { organisationer: [org('2120002411', { bastjanster: [] })] }, /must name at least one base service/],
    [
      'a customer without an agreement',
      { organisationer: [org('2120002411')], ombud: [{ organisationsnummer: '5565866992', kunder: ['8020069582'] }] },
      /ombud\[0\]\.kunder\[0\]: 8020069582 has no agreement/,
    ],
    [
      'an organisation as its own ombud',
      { organisationer: [org('2120002411')], ombud: [{ organisationsnummer: '2120002411', kunder: ['2120002411'] }] },
      /an organisation is not its own ombud/,
    ],
    [
      'an ombud without customers',
      { organisationer: [org('2120002411')], ombud: [{ organisationsnummer: '5565866992', kunder: [] }] },
      /ombud\[0\]\.kunder: must name at least one customer/,
    ],
  ];
  for (const [what, value, message] of refusals) {
    it(`refuses ${what}, naming the entry`, () =>
      expect(() => checkAnslutningar(value, 'anslutningar'))
        .to.throw(AnslutningarError)
        .with.property('message')
        .that.matches(message));
  }
});

describe('SSBTEK callers: the agreements are the one definition of an organisation’s FK aktörer', () => {
  const settings = { ...DEFAULT_CONFIG };

  it('without fkAktorer, LEFI keeps knowing every id FK could assign (the agreements’ among them)', () => {
    expect(fkAktorerWithAgreements(settings)).to.equal(undefined);
  });

  it('with fkAktorer, LEFI knows the list and every agreement’s aktörer, bound to their organisations', () => {
    const known = fkAktorerWithAgreements({ ...settings, fkAktorer: [{ aktorsid: '026-51' }, { aktorsid: 'x-1' }] });
    expect(known?.map((a) => a.aktorsid)).to.deep.equal([
      '026-51',
      'x-1',
      '9255f428-4ba0-63ce-5407-e65d469fac0f',
      '213-55',
      '802-01',
    ]);
    expect(known?.find((a) => a.aktorsid === '802-01')?.organisationsnummer).to.equal('8020069582');
  });

  it('refuses an fkAktorer entry that binds an agreement’s aktör to another organisation', () => {
    expect(() =>
      fkAktorerWithAgreements({ ...settings, fkAktorer: [{ aktorsid: '026-51', organisationsnummer: '212000-1355' }] }),
    ).to.throw(/fkAktorer\[0\]: aktör "026-51" is 2120002411's in the agreements/);
  });

  it('refuses an fkAktorer entry for a connected organisation whose agreement does not list the aktör', () => {
    expect(() =>
      fkAktorerWithAgreements({ ...settings, fkAktorer: [{ aktorsid: '026-99', organisationsnummer: '2120002411' }] }),
    ).to.throw(/2120002411 has an agreement \(anslutningar\) whose fkAktorer do not list "026-99"/);
  });

  it('accepts an fkAktorer entry agreeing with the agreements, and one for an organisation without any', () => {
    const fkAktorer = [
      { aktorsid: '9255F428-4BA0-63CE-5407-E65D469FAC0F', organisationsnummer: '2120002411' },
      { aktorsid: 'annan-1', organisationsnummer: '5599000030' },
    ];
    expect(fkAktorerWithAgreements({ ...settings, fkAktorer })).to.have.length(5);
  });
});

describe('SSBTEK callers: configuration (file keys, environment, start line)', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-callers-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, value: unknown): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(value));
    return file;
  };

  it('defaults to permissive, with no agreements configured (the embedded ones apply)', () => {
    expect(DEFAULT_CONFIG.callerMode).to.equal('permissive');
    expect(DEFAULT_CONFIG.anslutningar).to.equal(undefined);
  });

  it('reads callerMode and anslutningar from a config file, checked', () => {
    const file = write('ok.json', {
      callerMode: 'strict',
      anslutningar: { organisationer: [{ organisationsnummer: '212000-2411', fkAktorer: ['026-51'] }] },
    });
    const config = loadConfigFile(file);
    expect(config.callerMode).to.equal('strict');
    expect(config.anslutningar?.organisationer[0]?.organisationsnummer).to.equal('2120002411');
  });

  it('refuses a wrong value naming the file and the key', () => {
    const mode = write('mode.json', { callerMode: 'lenient' });
    expect(() => loadConfigFile(mode))
      .to.throw(ConfigError)
      .with.property('message')
      .that.matches(/mode\.json: callerMode must be one of permissive, strict, got "lenient"/);
    const agreements = write('agreements.json', { anslutningar: { organisationer: [{ organisationsnummer: '1' }] } });
    expect(() => loadConfigFile(agreements)).to.throw(
      /agreements\.json: anslutningar\.organisationer\[0\]\.organisationsnummer/,
    );
    const clash = write('clash.json', { fkAktorer: [{ aktorsid: '802-01', organisationsnummer: '2120002411' }] });
    expect(() => loadConfigFile(clash)).to.throw(/clash\.json: fkAktorer\[0\]: aktör "802-01" is 8020069582's/);
  });

  it('reads SSBTEK_CALLER_MODE and SSBTEK_ANSLUTNINGAR (JSON)', () => {
    const config = configFromEnv({
      SSBTEK_CALLER_MODE: 'strict',
      SSBTEK_ANSLUTNINGAR: JSON.stringify({ organisationer: [{ organisationsnummer: '2120002411' }] }),
    });
    expect(config.callerMode).to.equal('strict');
    expect(config.anslutningar?.organisationer).to.have.length(1);
    expect(() => configFromEnv({ SSBTEK_CALLER_MODE: 'off' })).to.throw(/SSBTEK_CALLER_MODE must be one of/);
    expect(() => configFromEnv({ SSBTEK_ANSLUTNINGAR: '{' })).to.throw(/SSBTEK_ANSLUTNINGAR must be JSON/);
  });

  it('says the caller mode in the start line', () => {
    const day = { today: '2026-11-24', source: 'config' };
    expect(startLine(DEFAULT_CONFIG, 8080, day)).to.include({ callerMode: 'permissive' });
    const strict = resolveConfig({}, { SSBTEK_CALLER_MODE: 'strict' });
    expect(startLine(strict, 8080, day)).to.include({ callerMode: 'strict' });
  });
});
