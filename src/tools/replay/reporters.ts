import { el, type XElement } from '../../xml/tree.js';
import { serialize } from '../../xml/write.js';
import type { CaseResult } from './runner.js';
import type { Difference, DifferenceKind } from './xml-diff.js';

export const FORMATS = ['text', 'json', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

/** A failure shows this many differences in text; JSON carries them all. */
export const SHOWN_DIFFERENCES = 20;
/** A value longer than this is cut in text output. */
const SHOWN_VALUE = 300;

export interface Summary {
  cases: number;
  passed: number;
  failed: number;
  skipped: number;
  updated: number;
}

export function summarize(results: CaseResult[]): Summary {
  const count = (...outcomes: CaseResult['outcome'][]): number =>
    results.filter((r) => outcomes.includes(r.outcome)).length;
  return {
    cases: results.length,
    passed: count('passed'),
    failed: count('failed', 'error'),
    skipped: count('skipped'),
    updated: count('updated'),
  };
}

/** `N cases: P passed, F failed`, with skipped and updated only when there are any. */
export function summaryLine(summary: Summary): string {
  let line = `${summary.cases} cases: ${summary.passed} passed, ${summary.failed} failed`;
  if (summary.skipped > 0) line += `, ${summary.skipped} skipped`;
  if (summary.updated > 0) line += `, ${summary.updated} updated`;
  return line;
}

export function render(format: Format, results: CaseResult[]): string {
  switch (format) {
    case 'text':
      return renderText(results);
    case 'json':
      return `${JSON.stringify({ cases: results, summary: summarize(results) }, null, 2)}\n`;
    case 'junit':
      return renderJunit(results);
  }
}

const LABELS: Record<DifferenceKind, string> = {
  status: 'status',
  reply: 'reply',
  text: 'value',
  attribute: 'attribute',
  namespace: 'namespace',
  missing: 'missing element',
  unexpected: 'unexpected element',
  type: 'JSON type',
};

function shown(value: string): string {
  const oneLine = value.replace(/\s*\n\s*/g, ' ');
  return oneLine.length <= SHOWN_VALUE ? oneLine : `${oneLine.slice(0, SHOWN_VALUE - 1)}…`;
}

/** The readable diff of one case: each difference's path, then expected and actual, the first 20 of them. */
export function differenceText(differences: Difference[], indent = '  '): string {
  const lines: string[] = [];
  for (const d of differences.slice(0, SHOWN_DIFFERENCES)) {
    lines.push(`${indent}${d.path} (${LABELS[d.kind]})`);
    lines.push(`${indent}  expected: ${shown(d.expected)}`);
    lines.push(`${indent}  actual:   ${shown(d.actual)}`);
  }
  const more = differences.length - SHOWN_DIFFERENCES;
  if (more > 0) lines.push(`${indent}… and ${more} more difference${more === 1 ? '' : 's'} (--format json lists all)`);
  return lines.join('\n');
}

/** Failures, errors, skips and updates, each with what is wrong; a passed case is one short line at the end. */
function renderText(results: CaseResult[]): string {
  const blocks: string[] = [];
  for (const r of results) {
    switch (r.outcome) {
      case 'failed':
        blocks.push(`FAIL ${r.name}: ${r.description}\n${differenceText(r.differences)}`);
        break;
      case 'error':
        blocks.push(`ERROR ${r.name}: ${r.message ?? 'could not be run'}`);
        break;
      case 'skipped':
        blocks.push(`SKIP ${r.name}: ${r.message ?? ''}`);
        break;
      case 'updated':
        blocks.push(`UPDATED ${r.name}: expected.xml rewritten\n${differenceText(r.differences)}`);
        break;
      case 'passed':
        break;
    }
  }
  blocks.push(summaryLine(summarize(results)));
  return `${blocks.join('\n')}\n`;
}

/** JUnit XML for CI: one testcase per case; a failure carries the text diff, a skipped case its reason. */
function renderJunit(results: CaseResult[]): string {
  const summary = summarize(results);
  const errors = results.filter((r) => r.outcome === 'error').length;
  const seconds = (ms: number): string => (ms / 1000).toFixed(3);
  const total = results.reduce((sum, r) => sum + r.durationMs, 0);
  const counts = {
    tests: String(summary.cases),
    failures: String(summary.failed - errors),
    errors: String(errors),
    skipped: String(summary.skipped),
    time: seconds(total),
  };
  const cases = results.map((r): XElement => {
    const first = r.differences[0];
    const outcome =
      r.outcome === 'failed'
        ? el('', 'failure', differenceText(r.differences, ''), {
            type: first?.kind ?? 'difference',
            message: first ? `${first.path}: expected ${shown(first.expected)}, actual ${shown(first.actual)}` : '',
          })
        : r.outcome === 'error'
          ? el('', 'error', r.message ?? '', { type: 'error', message: r.message ?? '' })
          : r.outcome === 'skipped'
            ? el('', 'skipped', [], { message: r.message ?? '' })
            : undefined;
    return el('', 'testcase', [outcome], { classname: 'replay', name: r.name, time: seconds(r.durationMs) });
  });
  const suite = el('', 'testsuite', cases, { name: 'ssbtek-emulator replay', ...counts });
  return `${serialize(el('', 'testsuites', [suite], { name: 'ssbtek-emulator replay', ...counts }), { declaration: true })}\n`;
}
