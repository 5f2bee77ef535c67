import fs from 'node:fs';
import http from 'node:http';

/**
 * Scenario (a), the ceiling: a bare node:http server answering every request with a fixed SOAP reply (read from
 * the file named in argv[2], the emulator's own v10 reply) on 127.0.0.1:argv[3]. Run as its own process.
 */
const body = fs.readFileSync(process.argv[2] ?? '');
const port = Number(process.argv[3] ?? 0);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
