// The one way soothe opens its files: what is refused, and messages that name the real cause.
import * as fs from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RefusedFileError, ensureFolder, openRegular, readRegularText } from "../../src/files/open.js";

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return { ...actual, mkdirSync: vi.fn(actual.mkdirSync) };
});

const ROLE = { name: "the history file", fix: "set SOOTHE_HOME to a folder you can write to" };
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), "soothe-files-"));
});
afterEach(() => {
  vi.mocked(fs.mkdirSync).mockClear();
  fs.rmSync(dir, { recursive: true, force: true });
});

const fail = (code: string) => () => {
  throw Object.assign(new Error(`${code}: simulated`), { code });
};

describe("ensureFolder", () => {
  it("names the real cause on a read-only file system, where a recursive mkdir says only ENOENT", () => {
    const folder = join(dir, "data", "soothe");
    // What Node's recursive mkdir reports on a read-only mount, then what mkdir of the first missing part says.
    vi.mocked(fs.mkdirSync).mockImplementationOnce(fail("ENOENT")).mockImplementationOnce(fail("EROFS"));
    expect(() => ensureFolder(folder, ROLE, "the history folder")).toThrow(
      `cannot create the history folder ${folder}: the file system is read-only (EROFS). Fix that, or set SOOTHE_HOME to a folder you can write to.`,
    );
  });

  it("names the part of the path that is not a folder", () => {
    fs.writeFileSync(join(dir, "data"), "");
    expect(() => ensureFolder(join(dir, "data", "soothe"), ROLE, "the history folder")).toThrow(
      `${join(dir, "data")} is a regular file, not a folder.`,
    );
  });
});

describe("openRegular", () => {
  it("refuses a socket, naming it, and reads a regular file through a link", async () => {
    const socket = join(dir, "history.jsonl");
    const server = createServer().listen(socket);
    await new Promise((done) => server.once("listening", done));
    try {
      expect(() => openRegular(socket, "append", { role: ROLE })).toThrow(RefusedFileError);
      expect(() => openRegular(socket, "read", { role: ROLE })).toThrow(`${socket} cannot be used as the history file: it is a socket, not a regular file.`);
    } finally {
      server.close();
    }
    fs.writeFileSync(join(dir, "real.json"), "{}");
    fs.symlinkSync(join(dir, "real.json"), join(dir, "link.json"));
    expect(readRegularText(join(dir, "link.json"), { role: ROLE })).toBe("{}");
    expect(() => readRegularText(join(dir, "link.json"), { role: ROLE, noFollow: true })).toThrow(/is a symbolic link/);
    expect(readRegularText(join(dir, "missing.json"), { role: ROLE })).toBeNull();
  });

  it("refuses a link in a loop", () => {
    fs.symlinkSync(join(dir, "b"), join(dir, "a"));
    fs.symlinkSync(join(dir, "a"), join(dir, "b"));
    expect(() => openRegular(join(dir, "a"), "append", { role: ROLE })).toThrow(`it is a symbolic link in a loop of links`);
  });
});
