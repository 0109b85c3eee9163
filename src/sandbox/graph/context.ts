// Helpers every Graph route shares: `@odata.context` URLs pointing back at this server (so the product sees the same
// shape Graph sends), JSON body checks that answer 400 like Graph, and cloning so a response never aliases the store.
import type { SandboxRequest, SandboxResponse } from '../http/router';
import { GraphErrors } from '../http/graphErrors';
import { INVALID_JSON_BODY } from '../http/body';

/** `http://127.0.0.1:port/v1.0/$metadata#<fragment>` — Graph's context URL, rooted at the sandbox. */
export function odataContext(req: SandboxRequest, fragment: string): string {
  return `${serviceRoot(req)}/$metadata#${fragment}`;
}

/** `http://127.0.0.1:port/v1.0`, the root nextLinks and context URLs are built from. */
export function serviceRoot(req: SandboxRequest): string {
  return `${req.origin}/${req.apiVersion ?? 'v1.0'}`;
}

/** A 200 entity response: the resource with `@odata.context` first, as Graph orders it. */
export function entity(req: SandboxRequest, fragment: string, resource: object, status = 200): SandboxResponse {
  return { status, body: { '@odata.context': odataContext(req, fragment), ...structuredClone(resource) } };
}

/** A 200 collection response without paging (small, fixed collections such as jobs or templates). */
export function collection(req: SandboxRequest, fragment: string, values: readonly unknown[]): SandboxResponse {
  return { status: 200, body: { '@odata.context': odataContext(req, fragment), value: structuredClone(values) } };
}

export const noContent = (): SandboxResponse => ({ status: 204 });

/**
 * The request's JSON object body, or the 400 Graph answers when it is missing, unparsable or not an object.
 * `optional` accepts an empty body (actions whose parameters are all optional, such as restart).
 */
export function jsonObjectBody(
  req: SandboxRequest,
  optional = false,
): { body: Record<string, unknown> } | { error: SandboxResponse } {
  const body: unknown = req.body;
  if (body === INVALID_JSON_BODY) {
    return { error: GraphErrors.badRequest(req, 'Invalid JSON in the request body: the payload could not be parsed.') };
  }
  if (body === undefined || body === null) {
    if (optional) return { body: {} };
    return { error: GraphErrors.badRequest(req, 'Empty Payload. JSON content expected.') };
  }
  if (typeof body !== 'object' || Array.isArray(body)) {
    return { error: GraphErrors.badRequest(req, 'Invalid request body: a JSON object was expected.') };
  }
  return { body: body as Record<string, unknown> };
}

/** Graph's single-quoted key segment for context URLs: `servicePrincipals('id')`. */
export function keySegment(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
