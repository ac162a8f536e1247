/** A routine id: the file name without `.yaml`; lowercase letters, digits and dashes, at most 64 characters. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** True when `id` is a routine id, and so safe to turn into a file name. */
export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}
