import * as fs from "node:fs";
import { besideFile, uniqueSuffix, fileError, inspect, realFile, refuseUnlessUsable, type FileRole } from "./open.js";

/**
 * Replaces the contents of `file` all at once: the text goes to a temporary file beside the real file (a symbolic
 * link is followed, so the link stays and its target gets the new text), is flushed to disk, then renamed over the
 * real file. A failure at any point (a full or read-only disk) leaves the old file exactly as it was.
 */
export function writeFileAtomicSync(file: string, text: string, role: FileRole): void {
  refuseUnlessUsable(file, inspect(file), { role });
  let real: string;
  try {
    real = realFile(file);
  } catch (error) {
    throw fileError("write", file, error, role);
  }
  const temp = besideFile(real, `${uniqueSuffix()}.tmp`);
  try {
    const fd = fs.openSync(temp, "wx", 0o600);
    try {
      const bytes = Buffer.from(text, "utf8");
      let offset = 0;
      while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, real);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw fileError("write", file, error, role);
  }
}
