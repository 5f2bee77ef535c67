import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REFERENCE_ROOT } from './reference.js';

/** The reference SSBTEK contracts' WSDLs, relative to the reference tree (../shared/reference). */
export const REFERENCE_WSDLS = {
  v10: 'ssbtek-v10/se/forsakringskassan/schema/integration/ssbt/_10/Sammansatt_Bastjanst_v10.wsdl',
  v11: 'ssbtek-v10/se/forsakringskassan/schema/integration/ssbt/_11/Sammansatt_Bastjanst_v11.wsdl',
} as const;

/**
 * A copy of the reference SSBTEK contracts in a temporary folder, every file in UTF-8. One reference schema
 * (SO's UnemploymentBenefitPaymentService.xsd) is UTF-16 with a BOM: correct XML that Java and libxml2 read, but
 * node-soap reads every file as UTF-8 and fails on it. The copy changes the encoding only (the XML declaration's
 * encoding follows), never the contract. Removed by `remove()`.
 */
export function referenceCopyInUtf8(): {
  root: string;
  wsdl(version: keyof typeof REFERENCE_WSDLS): string;
  remove(): void;
} {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ssbtek-reference-'));
  copyTree(path.join(REFERENCE_ROOT, 'ssbtek-v10'), path.join(root, 'ssbtek-v10'));
  return {
    root,
    wsdl: (version) => path.join(root, REFERENCE_WSDLS[version]),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

function copyTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target);
    else fs.writeFileSync(target, inUtf8(fs.readFileSync(source)));
  }
}

function inUtf8(bytes: Buffer): Buffer {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!le && !be) return bytes;
  const body = le ? bytes.subarray(2) : Buffer.from(bytes.subarray(2)).swap16();
  const text = body.toString('utf16le').replace(/^(<\?xml[^>]*encoding=")[^"]*(")/, '$1UTF-8$2');
  return Buffer.from(text, 'utf8');
}
