import { Writable } from 'node:stream';
import { expect } from 'chai';
import { pino } from 'pino';
import { startServer } from '../support/server.js';
import { postSoap, v10Request } from '../support/requests.js';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level }, stream) };
}

describe('Request log (pino JSON)', () => {
  it('writes one line per request with korrelationsid, duration and each service’s outcome, without the identity at info', async () => {
    const { lines, logger } = capture('info');
    const server = await startServer({}, logger);
    try {
      await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['AF', 'TNS'], korrelationsid: 'LOG-1' }));
    } finally {
      await server.close();
    }
    const requestLines = lines.filter((l) => l.msg === 'ssbtek');
    expect(requestLines).to.have.length(1);
    const line = requestLines[0]!;
    expect(line).to.include({
      korrelationsid: 'LOG-1',
      operation: 'hamtaBastjanstInformation',
      dialect: 'v10',
      outcome: 'ok',
    });
    expect(line.durationMs).to.be.a('number');
    expect(Object.keys(line.services as object)).to.deep.equal(['AF', 'TNS']);
    expect(JSON.stringify(lines)).not.to.contain('197706282394');
  });

  it('adds the personidentitet at debug level, and nothing else personal', async () => {
    const { lines, logger } = capture('debug');
    const server = await startServer({}, logger);
    try {
      await postSoap(`${server.url}/ssbtek`, v10Request({ include: ['AF'] }));
    } finally {
      await server.close();
    }
    const line = lines.find((l) => l.msg === 'ssbtek')!;
    expect(line.personidentitet).to.equal('197706282394');
    expect(JSON.stringify(lines)).not.to.match(/Kommun A|HL123456|Fredrik|Berg/);
  });

  it('logs a Fault with its felkod', async () => {
    const { lines, logger } = capture('info');
    const server = await startServer({}, logger);
    try {
      await postSoap(`${server.url}/ssbtek`, v10Request({ personidentitet: 'x' }));
    } finally {
      await server.close();
    }
    expect(lines.find((l) => l.msg === 'ssbtek')).to.include({ outcome: 'fault', felkod: '1001' });
  });
});
