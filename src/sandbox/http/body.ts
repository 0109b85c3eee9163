/** Marks a request body that was sent but is not valid JSON, so handlers can answer 400 the way Graph does. */
export const INVALID_JSON_BODY = Symbol('invalid-json-body');
