/**
 * The real paths nearest to a wrong one, for a 404 that helps: ranked first by how many leading path segments
 * they share with it, then by edit distance (Levenshtein, case-insensitive); a path template's `{name}` segments
 * take the wrong path's segment in that place; on a tie, a path answering the asked method first. A candidate
 * counts when it shares a leading segment or is within a third of the longer path's length in edits (at least 2).
 */
import { templatePattern } from './endpoints.js';

export interface Candidate {
  method: string;
  /** A path or path template; a query (e.g. `?wsdl`) is kept for display and left out of the comparison. */
  path: string;
  service: string;
  /** A contract document (WSDL, OpenAPI) rather than an operation. */
  contract?: boolean;
}

/** Only this much of a wrong path is compared (a long one costs time, not accuracy). */
const MAX_COMPARED = 200;

/** A real path near the asked one, with the methods it answers. */
export interface Suggestion {
  methods: string[];
  path: string;
  service: string;
}

export function nearestPaths(method: string, path: string, candidates: readonly Candidate[], count = 3): Suggestion[] {
  const asked = path.slice(0, MAX_COMPARED).toLowerCase();
  const askedSegments = segments(asked);
  const byPath = new Map<string, Suggestion & { contract: number }>();
  for (const c of candidates) {
    const known = byPath.get(c.path);
    if (!known)
      byPath.set(c.path, { methods: [c.method], path: c.path, service: c.service, contract: c.contract ? 1 : 0 });
    else if (!known.methods.includes(c.method)) known.methods.push(c.method);
  }
  const scored: { suggestion: Suggestion; base: string; shared: number; distance: number; tie: number }[] = [];
  for (const { contract, ...suggestion } of byPath.values()) {
    const base = suggestion.path.split('?')[0]!;
    const resolved = fillTemplate(base.toLowerCase(), askedSegments);
    const shared = sharedLeadingSegments(askedSegments, segments(resolved));
    const distance = levenshtein(asked, resolved);
    if (shared === 0 && distance > Math.max(2, Math.floor(Math.max(asked.length, resolved.length) / 3))) continue;
    // Ties: an operation before a contract document, then one answering the asked method.
    const tie = 2 * contract + (suggestion.methods.includes(method) ? 0 : 1);
    scored.push({ suggestion, base, shared, distance, tie });
  }
  scored.sort((a, b) => b.shared - a.shared || a.distance - b.distance || a.tie - b.tie);
  // One contract document per path is enough (the index lists every WSDL version).
  const out: Suggestion[] = [];
  const contractPaths = new Set<string>();
  for (const { suggestion, base, tie } of scored) {
    if (tie >= 2 && contractPaths.has(base)) continue;
    if (tie >= 2) contractPaths.add(base);
    out.push(suggestion);
    if (out.length === count) break;
  }
  return out;
}

/** The operations whose path matches exactly (another method may be asked for: then it is a 405). */
export function samePath(path: string, candidates: readonly Candidate[]): Candidate[] {
  return candidates.filter((c) => !c.path.includes('?') && templatePattern(c.path).test(path));
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** `{name}` segments take the asked path's segment in the same place (a template then compares as a path). */
function fillTemplate(template: string, asked: readonly string[]): string {
  if (!template.includes('{')) return template;
  const parts = template.split('/');
  let index = -1;
  return parts
    .map((part) => {
      if (part !== '') index++;
      return /^\{[^}]+\}$/.test(part) && asked[index] !== undefined ? asked[index] : part;
    })
    .join('/');
}

function sharedLeadingSegments(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Edits (insert, delete, replace one character) from a to b; two rows of memory. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const replace = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, replace));
    }
    previous = current;
  }
  return previous[b.length]!;
}
