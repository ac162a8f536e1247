import { describe, expect, it } from "vitest";
import { jsonProblem, jsonProblemText } from "../../src/json-problem.js";

/** What soothe says about `text`, which JSON.parse refuses. */
function said(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return jsonProblemText(jsonProblem(text, error));
  }
  throw new Error("valid JSON");
}

describe("jsonProblem", () => {
  it.each([
    ['{"lead_in": "x", ', "at line 1, column 18: the JSON ends too soon: a closing }, ] or quote is missing"],
    ['{"lead_in": "x", }', "at line 1, column 18: a key must be in double quotes, and no comma may follow the last entry"],
    ["{lead_in: 1}", "at line 1, column 2: a key must be in double quotes, and no comma may follow the last entry"],
    ['{\n  "a": 1\n  "b": 2\n}', "at line 3, column 3: a comma is missing between two entries"],
    ['{"a": "x\ny"}', "at line 1, column 9: text in quotes holds a line break or a control character; write \\n for a line break"],
    ['{"a": 1}}', "at line 1, column 9: something follows the end of the JSON; remove it"],
    ['{\n"a": 1', "at line 2, column 7: the JSON ends too soon: a closing }, ] or quote is missing"],
    ['"abc', "at line 1, column 5: a quote is opened and never closed"],
  ])("%j", (text, words) => {
    expect(said(text)).toBe(words);
  });

  it("never passes on the runtime's words, which quote the text", () => {
    for (const text of ["[1,]", '{"a": tru}', "", "{", "nul"]) {
      expect(said(text)).not.toMatch(/JSON at position|is not valid JSON|Unexpected token|"\[1,\]"/);
    }
  });
});
