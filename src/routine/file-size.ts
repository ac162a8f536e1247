// The one size limit of a routine file, shared by the catalog (which stops reading there) and the parser (which
// refuses a larger text), so that both say the same thing. Kept in its own small module so that neither has to
// import the other.

/** Largest routine file read and accepted (1 MiB). */
export const MAX_ROUTINE_BYTES = 1024 * 1024;

/**
 * `file too large (1,100,000 bytes); a routine file is at most 1 MB (1,048,576 bytes)`: in bytes, since a size
 * rounded to tenths of a megabyte can read as the limit itself. `size` is null for a pipe, whose size is unknown.
 */
export function tooLargeMessage(size: number | null): string {
  const found = size === null ? "more than 1 MB" : `${size.toLocaleString("en-US")} bytes`;
  return `file too large (${found}); a routine file is at most 1 MB (${MAX_ROUTINE_BYTES.toLocaleString("en-US")} bytes)`;
}
