/**
 * The files of a zip whose entries are stored (not compressed), as the console's "Save as replay case" writes
 * them: read from the local file headers, each name with its text.
 */
export function readStoredZip(bytes: Buffer): Record<string, string> {
  const files: Record<string, string> = {};
  let at = 0;
  while (at + 30 <= bytes.length && bytes.readUInt32LE(at) === 0x04034b50) {
    const method = bytes.readUInt16LE(at + 8);
    if (method !== 0) throw new Error(`zip entry at ${at} is compressed (method ${method}), not stored`);
    const size = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extraLength = bytes.readUInt16LE(at + 28);
    const name = bytes.toString('utf8', at + 30, at + 30 + nameLength);
    const start = at + 30 + nameLength + extraLength;
    files[name] = bytes.toString('utf8', start, start + size);
    at = start + size;
  }
  return files;
}
