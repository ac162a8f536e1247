import type { YAMLError } from "yaml";

// What the YAML parser finds wrong, said in soothe's words: its own messages are written for programmers ("please
// use YAML.parseAllDocuments()", "Implicit map keys need to be followed by map values"). Each sentence says what is
// wrong at the place the problem is reported, and what to do.

const BY_CODE: Record<YAMLError["code"], string> = {
  ALIAS_PROPS: "an alias (*name) cannot have a tag or an anchor of its own; remove them",
  BAD_ALIAS: "a * or & here starts a YAML alias or anchor that is not complete; put the value in quotes if the * or & is part of it",
  BAD_COLLECTION_TYPE: "a tag (a word after !) here does not fit this value; remove it",
  BAD_DIRECTIVE: "a line that starts with % is a YAML directive, which a routine does not need; remove the line",
  BAD_DQ_ESCAPE: 'a backslash in double quotes starts an escape such as \\n, and this one is not known; write \\\\ for a backslash, or use single quotes',
  BAD_INDENT: "the indentation is off here: the keys of one mapping, and the items of one list, start in the same column; line them up with spaces",
  BAD_PROP_ORDER: "a tag or an anchor must come after the - or ? in front of it",
  BAD_SCALAR_START: "a plain value cannot start with this character; put the value in quotes",
  BLOCK_AS_IMPLICIT_KEY: "a key must be a plain word followed by a colon, like name:, not a list or a mapping",
  BLOCK_IN_FLOW: "a list in [ ] or a mapping in { } must stay on its own lines without - items or indented keys; write it on one line, or as an indented list without brackets",
  DUPLICATE_KEY: "this key is given twice; keep one",
  IMPOSSIBLE: "this cannot be read as YAML; check the indentation and the quotes around here",
  KEY_OVER_1024_CHARS: "this key is over 1,024 characters long; keys are short words such as name: and steps:",
  MISSING_CHAR: "something is missing here, such as a closing quote or bracket, or a colon after a key",
  MULTILINE_IMPLICIT_KEY: "a key must be on one line and end with a colon; check for a missing colon or closing quote on the line before",
  MULTIPLE_ANCHORS: "a value has two anchors (&name); keep one",
  MULTIPLE_DOCS: "a second YAML document starts here, after a --- line; a routine file holds one: remove the --- line and what follows, or move that into a file of its own",
  MULTIPLE_TAGS: "a value has two tags (!name); keep one, or none",
  NON_STRING_KEY: "keys must be plain words, like name or steps",
  RESOURCE_EXHAUSTION: "this file is too complex to read (too many aliases or nested values); write the steps out instead",
  TAB_AS_INDENT: "a tab indents this line; YAML indents with spaces only, so replace the tab with spaces",
  TAG_RESOLVE_FAILED: "a tag (a word after !) that soothe does not know; remove it, or put the value in quotes",
  UNEXPECTED_TOKEN: "unexpected text here; check the indentation, colons, quotes and brackets before it",
};

/** Finer words for some problems, told apart by what the parser says (its wording is not shown). */
const BY_DETAIL: [code: YAMLError["code"], detail: RegExp, words: (at: string) => string][] = [
  ["MISSING_CHAR", /closing "quote/, () => 'a double quote (") is opened here and never closed; add the closing "'],
  ["MISSING_CHAR", /closing 'quote/, () => "a single quote (') is opened here and never closed; add the closing '"],
  ["MISSING_CHAR", /Missing , (or : )?between/, () => "a comma is missing between two items in [ ] or { }"],
  ["MISSING_CHAR", /Missing space after :/, () => "a colon in { } needs a space after it, like { rest: Pause }"],
  ["MISSING_CHAR", /followed by map values/, () => "a key needs a colon after it, like name: Morning"],
  ["MISSING_CHAR", /Comments must be separated/, () => "a # starts a comment only after a space; add a space before the #, or put the value in quotes"],
  ["MISSING_CHAR", /Tags and anchors must be separated/, () => "a tag or an anchor needs a space after it"],
  ["MISSING_CHAR", /without - indicator/, () => "this line is not lined up with the ones around it: a list item starts with a -, and the keys of one item start in the same column"],
  ["MISSING_CHAR", /flow (sequence|map|collection)|to end with/, () => "a [ or { is opened and never closed; add the ] or }"],
  ["BLOCK_AS_IMPLICIT_KEY", /Nested mappings/, () => 'a value holds ": ", which starts another key; put the value in quotes, like caution: "Note: go slowly", or check the indentation of the line below'],
  ["BLOCK_IN_FLOW", /./, () => 'inside [ ] or { }, a value holds ": " or a - item; separate items with commas, like { rest: Pause, duration: 5s }, or put the value in quotes'],
  ["BAD_INDENT", /end with a \]/, () => "a [ is opened and never closed; add the ], or indent the lines it goes on over"],
  ["BAD_INDENT", /end with a \}/, () => "a { is opened and never closed; add the }, or indent the lines it goes on over"],
  ["UNEXPECTED_TOKEN", /empty item/, () => "an empty item in [ ] or { }: two commas in a row, or one at the start"],
  ["UNEXPECTED_TOKEN", /Unexpected ,/, () => "a comma out of place; commas only separate items in [ ] or { }"],
  ["UNEXPECTED_TOKEN", /Block scalar header/, () => "after | or > only a digit, + or - may follow on the same line; start the text on the next line"],
  ["UNEXPECTED_TOKEN", /flow-(seq|map)-end|Unexpected [\]}]/, (at) => `${at === "]" || at === "}" ? `a ${at}` : "a bracket"} here closes nothing; remove it, or check the brackets before it`],
  ["BAD_SCALAR_START", /./, (at) => `a plain value cannot start with ${at === "" ? "this character" : `"${at}"`}; put the value in quotes`],
];

/** soothe's words for a problem the YAML parser reports in `text`. */
export function yamlProblem(error: Pick<YAMLError, "code" | "message" | "pos">, text: string): string {
  const at = text.charAt(error.pos[0]);
  for (const [code, detail, words] of BY_DETAIL) {
    if (code === error.code && detail.test(error.message)) return words(at);
  }
  return BY_CODE[error.code] ?? BY_CODE.IMPOSSIBLE;
}
