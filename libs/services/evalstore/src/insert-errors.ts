/**
 * Why an insert failed, as the writer must act on it. A permanent error is
 * one the data itself causes (a value ClickHouse cannot parse or convert): the
 * same rows fail the same way forever, so the writer isolates them and
 * dead-letters them. Anything else is transient (ClickHouse unreachable,
 * timeouts, TOO_MANY_PARTS, memory limits, a table being migrated) and is
 * retried, never dead-lettered: an error the writer does not know is
 * retried too, because retrying loses nothing and dropping could.
 */

/** ClickHouse errors that name a row's value as the cause, by name and code. */
export const PERMANENT_INSERT_ERRORS: Readonly<Record<string, number>> = {
  CANNOT_PARSE_TEXT: 6,
  INCORRECT_NUMBER_OF_COLUMNS: 7,
  CANNOT_PARSE_ESCAPE_SEQUENCE: 25,
  CANNOT_PARSE_QUOTED_STRING: 26,
  CANNOT_PARSE_INPUT_ASSERTION_FAILED: 27,
  CANNOT_PARSE_DATE: 38,
  CANNOT_PARSE_DATETIME: 41,
  TYPE_MISMATCH: 53,
  CANNOT_CONVERT_TYPE: 70,
  CANNOT_PARSE_NUMBER: 72,
  INCORRECT_DATA: 117,
  TOO_LARGE_ARRAY_SIZE: 128,
  CANNOT_READ_ARRAY_FROM_TEXT: 130,
  TOO_LARGE_STRING_SIZE: 131,
  SIZES_OF_ARRAYS_DONT_MATCH: 190,
  VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE: 321,
  CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN: 349,
  CANNOT_PARSE_UUID: 376,
  DECIMAL_OVERFLOW: 407,
  CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING: 441,
  CANNOT_PARSE_BOOL: 467,
  CANNOT_READ_MAP_FROM_TEXT: 563,
  UNEXPECTED_DATA_AFTER_PARSED_VALUE: 632,
  CANNOT_PARSE_IPV4: 675,
  CANNOT_PARSE_IPV6: 676,
  UNKNOWN_ELEMENT_OF_ENUM: 691,
  UNICODE_ERROR: 760,
};
const PERMANENT_CODES = new Set(Object.values(PERMANENT_INSERT_ERRORS));

/** A ClickHouse server error as @clickhouse/client (or chDB through it) raises it: numeric `code`, `type` name. */
interface ServerError {
  code?: unknown;
  type?: unknown;
  message?: unknown;
}

export function isPermanentInsertError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, type } = err as ServerError;
  if (typeof type === 'string' && type in PERMANENT_INSERT_ERRORS) return true;
  // Node's own errors carry string codes such as ECONNREFUSED: never numeric, never permanent.
  const numeric = typeof code === 'number' ? code : typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : undefined;
  return numeric !== undefined && PERMANENT_CODES.has(numeric);
}

const MAX_REASON = 500;

/**
 * The error's name and the first sentence of its message, short enough for a
 * log line or a dead letter: ClickHouse appends a dump of the offending row
 * ("Row 1: Column 0, name: …"), which must not reach logs whole.
 */
export function insertErrorSummary(err: unknown): { code: string; reason: string } {
  const { code, type, message } = (typeof err === 'object' && err !== null ? err : {}) as ServerError;
  const name = typeof type === 'string' && type ? type : typeof code === 'string' && code ? code : 'INSERT_FAILED';
  let reason = typeof message === 'string' ? message : String(err);
  reason = reason.split(/: \(at row \d+\)|\n/)[0]!.trim();
  if (reason.length > MAX_REASON) reason = `${reason.slice(0, MAX_REASON)}…`;
  return { code: name, reason };
}
