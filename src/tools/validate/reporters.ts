import { el, type XElement } from '../../xml/tree.js';
import { serialize } from '../../xml/write.js';
import type { FileResult, Problem } from './check-file.js';

export const FORMATS = ['text', 'json', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export interface Summary {
  files: number;
  valid: number;
  invalid: number;
  unreadable: number;
}

/** Receives results one file at a time, so text and JSON are written as the run goes (thousands of files). */
export interface Reporter {
  file(result: FileResult): void;
  end(summary: Summary): void;
}

export type Write = (text: string) => void;

export function createReporter(format: Format, write: Write): Reporter {
  switch (format) {
    case 'text':
      return textReporter(write);
    case 'json':
      return jsonReporter(write);
    case 'junit':
      return junitReporter(write);
  }
}

/** `file:line:col: message (element path)`, the form editors and CI annotators recognise. */
export function problemLine(file: string, problem: Problem): string {
  const where = problem.path ? ` (${problem.path})` : '';
  return `${file}:${problem.line}:${problem.col}: ${problem.message}${where}`;
}

/** Only problems: a valid file prints nothing, so the output of a clean run of thousands of files is empty. */
function textReporter(write: Write): Reporter {
  return {
    file(result) {
      for (const problem of result.problems) write(problemLine(result.file, problem) + '\n');
    },
    end() {},
  };
}

/** `{"files":[…],"summary":{…}}`, written one file entry per line as results arrive. */
function jsonReporter(write: Write): Reporter {
  let count = 0;
  return {
    file(result) {
      const entry = {
        file: result.file,
        valid: result.status === 'valid',
        status: result.status,
        schema: result.schema ?? null,
        problems: result.problems,
      };
      write((count++ === 0 ? '{"files":[\n' : ',\n') + JSON.stringify(entry));
    },
    end(summary) {
      write((count === 0 ? '{"files":[' : '\n') + `],"summary":${JSON.stringify(summary)}}\n`);
    },
  };
}

/**
 * JUnit XML (one testcase per file; a failure for an invalid file, an error for one that could not be read),
 * built as a tree and written by the project's serializer. The suite's counts come first in the document, so
 * results are kept until the end: a few hundred bytes per file.
 */
function junitReporter(write: Write): Reporter {
  const cases: XElement[] = [];
  return {
    file(result) {
      cases.push(testcase(result));
    },
    end(summary) {
      const counts = {
        tests: String(summary.files),
        failures: String(summary.invalid),
        errors: String(summary.unreadable),
        skipped: '0',
      };
      const suite = el('', 'testsuite', cases, { name: 'ssbtek-emulator validate', ...counts });
      write(
        serialize(el('', 'testsuites', [suite], { name: 'ssbtek-emulator validate', ...counts }), {
          declaration: true,
        }),
      );
      write('\n');
    },
  };
}

function testcase(result: FileResult): XElement {
  const details = result.problems.map((p) => problemLine(result.file, p)).join('\n');
  const first = result.problems[0]?.message ?? '';
  const outcome =
    result.status === 'invalid'
      ? el('', 'failure', details, { type: 'invalid', message: first })
      : result.status === 'unreadable'
        ? el('', 'error', details, { type: 'unreadable', message: first })
        : undefined;
  return el('', 'testcase', [outcome], { classname: result.schema ?? 'unknown', name: result.file });
}
