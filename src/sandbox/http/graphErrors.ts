// Graph's error envelope, built exactly as Graph sends it:
// `{ "error": { "code", "message", "innerError": { "date", "request-id", "client-request-id" } } }`.
import type { GraphErrorBody } from '../../graph/model';
import type { SandboxRequest, SandboxResponse } from './router';

export function graphError(
  req: Pick<SandboxRequest, 'requestId' | 'clientRequestId'>,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): SandboxResponse {
  const body: GraphErrorBody = {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
        'request-id': req.requestId,
        'client-request-id': req.clientRequestId,
      },
    },
  };
  return { status, body, headers };
}

/** The common Graph failures, with the codes and messages Graph uses for them. */
export const GraphErrors = {
  unauthenticated: (req: SandboxRequest, detail = 'Access token is empty.') =>
    graphError(req, 401, 'InvalidAuthenticationToken', detail),
  expired: (req: SandboxRequest) =>
    graphError(req, 401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'),
  forbidden: (req: SandboxRequest) =>
    graphError(req, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
  notFound: (req: SandboxRequest, what: string) =>
    graphError(req, 404, 'Request_ResourceNotFound', `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`),
  noResource: (req: SandboxRequest) =>
    graphError(
      req,
      404,
      'BadRequest',
      `Resource not found for the segment '${req.path.split('/').filter(Boolean).pop() ?? ''}'.`,
    ),
  methodNotAllowed: (req: SandboxRequest) =>
    graphError(
      req,
      405,
      'UnknownError',
      `No HTTP resource was found that matches the request URI 'https://syncfabric.windowsazure.com/api${req.path}?api-version=2.0'.`,
    ),
  badRequest: (req: SandboxRequest, message: string, code = 'BadRequest') => graphError(req, 400, code, message),
  notImplemented: (req: SandboxRequest) =>
    graphError(req, 501, 'NotImplemented', 'The requested operation is not implemented.'),
  throttled: (req: SandboxRequest, retryAfterSeconds: number) =>
    graphError(
      req,
      429,
      'TooManyRequests',
      'Too many requests. Please retry after the time given in the Retry-After header.',
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  serverError: (req: SandboxRequest, status = 500) =>
    graphError(
      req,
      status,
      status === 503 ? 'serviceNotAvailable' : 'generalException',
      status === 503 ? 'The service is temporarily unavailable. Please retry.' : 'An unexpected error occurred.',
      status === 503 ? { 'Retry-After': '1' } : {},
    ),
};
