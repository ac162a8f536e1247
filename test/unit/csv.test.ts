import { describe, expect, it } from "vitest";
import { CsvSyntaxError, HISTORY_CSV_COLUMNS, csvField, fromInert, historyCsv, inert, readCsv, writeCsv } from "../../src/history/csv.js";
import { sessionsOf } from "../helpers/history-data.js";

describe("RFC 4180 fields", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ["two\nlines", '"two\nlines"'],
    ["crlf\r\nend", '"crlf\r\nend"'],
    ["lone\rcr", '"lone\rcr"'],
    [" spaces kept ", " spaces kept "],
    ["naïve café, 痛い", '"naïve café, 痛い"'],
  ])("writes %j as %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("ends every record with CRLF", () => {
    expect(writeCsv([["a", "b"], ["1", "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it("reads back exactly what it wrote, whatever the fields hold", () => {
    const rows = [
      ["id", "note", "empty", "last"],
      ["1", 'He said "stop", so I did', "", ""],
      ["2", "line one\r\nline two\nline three", "", "x"],
      ["3", ",", '""', "\u{1f600}"],
    ];
    expect(readCsv(writeCsv(rows)).map((r) => r.fields)).toEqual(rows);
  });

  it("takes LF line ends, a byte-order mark and blank lines, and tells the line each record starts on", () => {
    const text = '\ufeffa,b\n\n1,"two\nlines"\n3,4';
    expect(readCsv(text)).toEqual([
      { fields: ["a", "b"], line: 1 },
      { fields: ["1", "two\nlines"], line: 3 },
      { fields: ["3", "4"], line: 5 },
    ]);
  });

  it.each([
    ['a,b\n1,"open', 2, "a quoted field is never closed"],
    ['a,b\n"x"y,2', 2, "text after a closing quote"],
    ['a,b\n1,2\n3,x"y', 3, "a quote inside a field that is not quoted"],
  ])("refuses %j at line %d", (text, line, message) => {
    let error: unknown;
    try {
      readCsv(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).line).toBe(line);
    expect((error as CsvSyntaxError).message).toContain(message);
  });
});

describe("history --csv", () => {
  const sessions = sessionsOf([
    {
      id: "s1",
      at: new Date("2026-11-25T08:01:00.000+01:00"),
      startText: "2026-11-25T08:01:00.000+01:00",
      routine: ["glute-release", 'Glute release, "gentle"'],
      minutes: 7.25,
      outcomes: ["done", "skipped", "done", "stopped"],
      before: [6, 7, "calf"],
      after: [4, 5, "thigh"],
      note: "=HYPERLINK(\"x\")\nsecond line, with a comma",
      status: "stopped",
    },
    { id: "s2", at: new Date("2026-11-26T19:30:00.000-05:00"), startText: "2026-11-26T19:30:00.000-05:00", status: "interrupted" },
  ]);

  it("has one header and a row a session, with unknown values empty", () => {
    const records = readCsv(historyCsv(sessions));
    expect(records[0]!.fields).toEqual([...HISTORY_CSV_COLUMNS]);
    const row = (i: number) => Object.fromEntries(HISTORY_CSV_COLUMNS.map((c, j) => [c, records[i]!.fields[j]]));
    expect(row(2)).toEqual({
      id: "s1",
      date: "2026-11-25 08:01",
      routine: "glute-release",
      routine_name: 'Glute release, "gentle"',
      status: "stopped",
      minutes: "7.3",
      segments_done: "2",
      segments_skipped: "1",
      back_before: "6",
      back_after: "4",
      leg_before: "7",
      leg_after: "5",
      reach_before: "calf",
      reach_after: "thigh",
      spread: "false",
      note: "'=HYPERLINK(\"x\")\nsecond line, with a comma",
      started_at: "2026-11-25T08:01:00.000+01:00",
      ended_at: sessions[1]!.ended_at,
      planned_s: "435",
      active_s: "435",
    });
    // The interrupted one has no end, no pain and no spread: empty fields, not "null".
    expect(row(1)).toMatchObject({ id: "s2", date: "2026-11-26 19:30", status: "interrupted", ended_at: "", back_before: "", spread: "", note: "" });
  });

  it("quotes the way RFC 4180 says, line ends CRLF", () => {
    const text = historyCsv(sessions);
    expect(text.startsWith(`${HISTORY_CSV_COLUMNS.join(",")}\r\n`)).toBe(true);
    expect(text).toContain(',"Glute release, ""gentle""",');
    expect(text).toContain(`,"'=HYPERLINK(""x"")\nsecond line, with a comma",`);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n")).toHaveLength(4); // header, two rows, and the empty piece after the last CRLF
  });

  it.each([
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+1", "'+1"],
    ["-2 better", "'-2 better"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["'quoted", "''quoted"],
    ["fine", "fine"],
  ])("keeps %j inert in a spreadsheet as %j, and takes that off again", (text, written) => {
    expect(inert(text)).toBe(written);
    expect(fromInert(inert(text))).toBe(text);
  });
});
