import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BODY_LIMIT_VARIABLES, DEFAULT_BODY_LIMITS } from '../../src/body-limits.js';
import { configFromEnv, DEFAULT_CONFIG, FILE_KEYS } from '../../src/config.js';
import { SERVICE_IDS } from '../../src/ssbtek/model.js';
import { PROJECT_ROOT } from '../../src/xml/schema.js';

const ROOT = PROJECT_ROOT;
const REFERENCE = path.join(ROOT, 'docs/configuration.md');

interface Row {
  key: string;
  variables: string[];
  type: string;
  defaultText: string;
}

/** The rows of the "Reference" table: one per config-file key. */
function referenceRows(): Row[] {
  const text = fs.readFileSync(REFERENCE, 'utf8');
  const section = text.slice(text.indexOf('## Reference'));
  const rows: Row[] = [];
  for (const line of section.split('\n')) {
    if (!line.startsWith('| `')) continue;
    const cells = line.split(' | ').map((cell) => cell.replace(/^\| /, '').trim());
    const codes = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    rows.push({
      key: codes(cells[0] as string)[0] as string,
      variables: codes(cells[1] as string),
      type: cells[2] as string,
      defaultText: cells[3] as string,
    });
  }
  return rows;
}

/** A documented variable pattern as the names it stands for. */
function expand(variable: string): string[] {
  if (variable.includes('<ID>')) return SERVICE_IDS.map((id) => variable.replace('<ID>', id));
  if (variable.includes('<ENDPOINT>')) return Object.values(BODY_LIMIT_VARIABLES);
  return [variable];
}

/** Every environment variable the server's settings come from: those configFromEnv reads, and any read in src/. */
function variablesRead(): Set<string> {
  const read = new Set<string>();
  const env = new Proxy({} as NodeJS.ProcessEnv, {
    get: (_target, name) => {
      if (typeof name === 'string') read.add(name);
      return undefined;
    },
  });
  configFromEnv(env);
  // Variables read only when another is set (SSBTEK_TLS_CA) or outside configFromEnv: found in the sources.
  const sources = fs.readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' });
  for (const file of sources.filter((f) => f.endsWith('.ts'))) {
    const code = fs.readFileSync(path.join(ROOT, 'src', file), 'utf8');
    for (const m of code.matchAll(/\benv\.([A-Z][A-Z0-9_]*)|\b(?:int|bool)\('([A-Z][A-Z0-9_]*)'\)/g))
      read.add((m[1] ?? m[2]) as string);
  }
  read.delete('CI'); // progress bars stay quiet under CI: not a setting of the server
  return read;
}

describe('docs/configuration.md: the configuration reference matches the code', () => {
  const rows = referenceRows();

  it('has one row for every config-file key the server accepts, and none it does not', () => {
    assert.deepEqual(rows.map((r) => r.key).sort(), Object.keys(FILE_KEYS).sort());
  });

  it('gives each key the JSON type the config file is checked against', () => {
    for (const row of rows) assert.equal(row.type, FILE_KEYS[row.key], `type of ${row.key}`);
  });

  it('names every environment variable the server reads, and only those', () => {
    const documented = new Set(rows.flatMap((r) => r.variables.flatMap(expand)));
    const read = variablesRead();
    assert.deepEqual([...read].filter((v) => !documented.has(v)).sort(), [], 'read but not documented');
    assert.deepEqual([...documented].filter((v) => !read.has(v)).sort(), [], 'documented but never read');
  });

  it('states each default as DEFAULT_CONFIG has it', () => {
    for (const row of rows) {
      const value = (DEFAULT_CONFIG as unknown as Record<string, unknown>)[row.key];
      const where = `default of ${row.key}: "${row.defaultText}"`;
      if (value === undefined || (typeof value === 'object' && Object.keys(value as object).length === 0)) {
        assert.match(row.defaultText, /^–( |$)/, where);
      } else if (row.key === 'bodyLimits') {
        for (const [endpoint, bytes] of Object.entries(DEFAULT_BODY_LIMITS)) {
          const size = bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`;
          assert.ok(row.defaultText.includes(`\`${endpoint}\` ${size}`), `${where} lacks ${endpoint} ${size}`);
        }
      } else {
        assert.ok(row.defaultText.startsWith(`\`${String(value)}\``), where);
      }
    }
  });
});
