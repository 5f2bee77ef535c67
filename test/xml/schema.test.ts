import { expect } from 'chai';
import { parseXml } from '../../src/xml/parse.js';
import { loadDialects } from '../../src/ssbtek/dialects.js';
import { CompiledSchema, readablePath } from '../../src/xml/schema.js';

describe('XML core: compiled schemas', () => {
  const af = CompiledSchema.compile('af', 'bastjanster/af/ers_stod_v2.xsd');

  it('reports each violation with its line, a path of local names and a message without namespace URIs', () => {
    const xml = `<FragaMeddelande xmlns="http://api.arbetsformedlingen.se/arbetssokande/ersattningsstod/v2">
<Fraga><OrganisationsnummerForIngivare>1</OrganisationsnummerForIngivare></Fraga></FragaMeddelande>`;
    const parsed = parseXml(Buffer.from(xml));
    try {
      const [first] = af.validate(parsed);
      expect(first?.line).to.equal(2);
      expect(first?.path).to.equal('/FragaMeddelande/Fraga/OrganisationsnummerForIngivare');
      expect(first?.message).to.match(/^Element 'OrganisationsnummerForIngivare'/);
      expect(first?.message).not.to.contain('{http');
    } finally {
      parsed.dispose();
    }
  });

  it('turns positional XPaths into names', () => {
    const parsed = parseXml(Buffer.from('<a><b/><c><d/><d/></c></a>'));
    try {
      expect(readablePath('/a/*[2]/*[2]', parsed.root)).to.equal('/a/c/d');
      expect(readablePath('/p:a/p:c', parsed.root)).to.equal('/a/c');
    } finally {
      parsed.dispose();
    }
  });

  it('never reads files outside xsd/ while compiling (imports are resolved by a restricted provider)', () => {
    expect(() => CompiledSchema.compile('bad', '../package.json')).to.throw();
  });

  it('a deferred schema is compiled by libxml2 at its first validate(), with the same verdict as a compiled one', () => {
    const deferred = CompiledSchema.deferred('af-deferred', 'bastjanster/af/ers_stod_v2.xsd');
    expect(deferred.compiled).to.equal(false);
    const parsed = parseXml(
      Buffer.from(
        '<FragaMeddelande xmlns="http://api.arbetsformedlingen.se/arbetssokande/ersattningsstod/v2"><Fraga/></FragaMeddelande>',
      ),
    );
    try {
      // shownValid is the tree check in JavaScript: it needs no libxml2 schema.
      expect(deferred.shownValid(parsed.root)).to.equal(false);
      expect(deferred.compiled).to.equal(false);
      const violations = deferred.validate(parsed);
      expect(deferred.compiled).to.equal(true);
      expect(violations).to.have.length.above(0);
      expect(violations).to.deep.equal(af.validate(parsed));
    } finally {
      parsed.dispose();
      deferred.dispose();
    }
    expect(() => CompiledSchema.deferred('bad', '../package.json').validate(parseXml(Buffer.from('<a/>')))).to.throw();
  });

  it('the SSBTEK dialects leave libxml2 compiling to their first validate()', () => {
    for (const binding of loadDialects().values()) expect(binding.schema.compiled, binding.schema.name).to.equal(false);
  });
});

describe('XML core: violation messages', () => {
  it('drops {namespace} noise but keeps pattern quantifiers such as {4}', () => {
    const schema = CompiledSchema.compile('v10', 'ssbtek/v10/sammansatt_bastjanst_v10.xsd');
    const xml = `<ssbt:hamtaBastjanstInformation xmlns:ssbt="http://schema.forsakringskassan.se/integration/ssbt/10"><ssbt:generellaFrageparametrar><ssbt:fraganSkallInkluderasISvaret>0</ssbt:fraganSkallInkluderasISvaret><ssbt:ingivare><ssbt:organisationsnummer>1</ssbt:organisationsnummer></ssbt:ingivare></ssbt:generellaFrageparametrar></ssbt:hamtaBastjanstInformation>`;
    const parsed = parseXml(Buffer.from(xml));
    try {
      const message = schema.validate(parsed)[0]?.message ?? '';
      expect(message).to.contain("'[\\d]{4}[2-9]{1}[\\d]{7}'");
      expect(message).not.to.contain('{http');
    } finally {
      parsed.dispose();
    }
  });
});
