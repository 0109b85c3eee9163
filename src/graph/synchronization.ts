// Typed calls for the synchronization API (Entra app provisioning) over the one GraphClient: every request the jobs
// tree and its commands make. Paths and bodies are those of graph-synchronization.md §2 and §3; nothing here decides
// anything, it only names the calls so the rest of the code never spells a URL.
import type { BatchRequest, BatchResponse, GraphClient, GraphVersion } from './client';
import { GraphError } from './errors';
import type {
  ParseExpressionRequest,
  ParseExpressionResponse,
  ProvisionOnDemandRequest,
  ProvisionOnDemandResponse,
  ServicePrincipal,
  StringKeyStringValuePair,
  SynchronizationJob,
  SynchronizationJobRestartScope,
  SynchronizationSchema,
  SynchronizationTemplate,
} from './model';

export interface SynchronizationCallOptions {
  signal?: AbortSignal;
}

export interface ValidateCredentialsRequest {
  /** True: test what is saved on the service principal (then `credentials` is ignored by Graph). */
  useSavedCredentials: boolean;
  credentials?: StringKeyStringValuePair[];
}

/** The properties discovery and the tree need of a service principal. */
export const SERVICE_PRINCIPAL_SELECT = 'id,appId,displayName,tags,appOwnerOrganizationId,applicationTemplateId';

export class SynchronizationApi {
  constructor(
    readonly graph: GraphClient,
    private readonly version: GraphVersion = 'v1.0',
  ) {}

  /** GET /servicePrincipals/{sp}/synchronization/jobs — a service principal has a handful of jobs, one page. */
  async listJobs(spId: string, options: SynchronizationCallOptions = {}): Promise<SynchronizationJob[]> {
    return this.graph.list<SynchronizationJob>(jobsPath(spId), this.options(options));
  }

  getJob(spId: string, jobId: string, options: SynchronizationCallOptions = {}): Promise<SynchronizationJob> {
    return this.graph.get<SynchronizationJob>(jobPath(spId, jobId), this.options(options));
  }

  /** Resumes a paused job, or clears a quarantine (§3.4). Not to be scripted against a running job. */
  startJob(spId: string, jobId: string, options: SynchronizationCallOptions = {}): Promise<void> {
    return this.graph.post(`${jobPath(spId, jobId)}/start`, undefined, this.options(options));
  }

  pauseJob(spId: string, jobId: string, options: SynchronizationCallOptions = {}): Promise<void> {
    return this.graph.post(`${jobPath(spId, jobId)}/pause`, undefined, this.options(options));
  }

  /**
   * POST …/restart with `{ criteria: { resetScope: "A, B" } }`. Without scopes (or with an empty list) the body
   * carries no criteria, which Graph documents as the portal's "Restart provisioning" (§3.6).
   */
  restartJob(
    spId: string,
    jobId: string,
    scopes?: readonly SynchronizationJobRestartScope[],
    options: SynchronizationCallOptions = {},
  ): Promise<void> {
    return this.graph.post(`${jobPath(spId, jobId)}/restart`, restartBody(scopes), this.options(options));
  }

  /** Deletes the job and all its state; accounts already provisioned in the target stay (§3.3). */
  deleteJob(spId: string, jobId: string, options: SynchronizationCallOptions = {}): Promise<void> {
    return this.graph.delete(jobPath(spId, jobId), this.options(options));
  }

  getJobSchema(spId: string, jobId: string, options: SynchronizationCallOptions = {}): Promise<SynchronizationSchema> {
    return this.graph.get<SynchronizationSchema>(`${jobPath(spId, jobId)}/schema`, this.options(options));
  }

  /** PUT fully replaces the job's schema (never PATCH: Graph answers 405); a mapping change triggers an initial cycle. */
  putJobSchema(spId: string, jobId: string, schema: SynchronizationSchema, options: SynchronizationCallOptions = {}): Promise<void> {
    return this.graph.put(`${jobPath(spId, jobId)}/schema`, schema, this.options(options));
  }

  /** DELETE resets the job's schema to its template default (§3.11). */
  resetJobSchema(spId: string, jobId: string, options: SynchronizationCallOptions = {}): Promise<void> {
    return this.graph.delete(`${jobPath(spId, jobId)}/schema`, this.options(options));
  }

  /** POST …/jobs `{ templateId }`: a new job with the template's default schema (§3.2). */
  createJob(spId: string, templateId: string, options: SynchronizationCallOptions = {}): Promise<SynchronizationJob> {
    return this.graph.post<SynchronizationJob>(jobsPath(spId), { templateId }, this.options(options));
  }

  /** A template's default schema (what a new job from it starts with). */
  getTemplateSchema(spId: string, templateId: string, options: SynchronizationCallOptions = {}): Promise<SynchronizationSchema> {
    return this.graph.get<SynchronizationSchema>(
      `${spPath(spId)}/synchronization/templates/${encodeURIComponent(templateId)}/schema`,
      this.options(options),
    );
  }

  /** Provision one user, or one group with up to 5 members, now (§3.7; Graph allows 5 requests per 10 s). */
  provisionOnDemand(
    spId: string,
    jobId: string,
    request: ProvisionOnDemandRequest,
    options: SynchronizationCallOptions = {},
  ): Promise<ProvisionOnDemandResponse> {
    return this.graph.post<ProvisionOnDemandResponse>(`${jobPath(spId, jobId)}/provisionOnDemand`, request, this.options(options));
  }

  /** Let the service parse (and optionally evaluate) an expression (§3.15). */
  parseExpression(
    spId: string,
    jobId: string,
    request: ParseExpressionRequest,
    options: SynchronizationCallOptions = {},
  ): Promise<ParseExpressionResponse> {
    return this.graph.post<ParseExpressionResponse>(
      `${jobPath(spId, jobId)}/schema/parseExpression`,
      request,
      this.options(options),
    );
  }

  /** Saved credentials and settings of the service principal (confidential values come back masked). */
  async getSecrets(spId: string, options: SynchronizationCallOptions = {}): Promise<StringKeyStringValuePair[]> {
    const body = await this.graph.get<{ value?: StringKeyStringValuePair[] }>(secretsPath(spId), this.options(options));
    return body.value ?? [];
  }

  /** PUT replaces the whole stored set; the body key is `value` (the v1.0 table's `credentials` is a doc error, §9.4). */
  putSecrets(spId: string, secrets: readonly StringKeyStringValuePair[], options: SynchronizationCallOptions = {}): Promise<void> {
    return this.graph.put(secretsPath(spId), { value: secrets }, this.options(options));
  }

  /** Test Connection: resolves when Graph answers 204, rejects with the GraphError explaining the failure. */
  validateCredentials(
    spId: string,
    jobId: string,
    request: ValidateCredentialsRequest,
    options: SynchronizationCallOptions = {},
  ): Promise<void> {
    const body = request.useSavedCredentials
      ? { useSavedCredentials: true }
      : { useSavedCredentials: false, credentials: request.credentials ?? [] };
    return this.graph.post(`${jobPath(spId, jobId)}/validateCredentials`, body, this.options(options));
  }

  listTemplates(spId: string, options: SynchronizationCallOptions = {}): Promise<SynchronizationTemplate[]> {
    return this.graph.list<SynchronizationTemplate>(`${spPath(spId)}/synchronization/templates`, this.options(options));
  }

  getServicePrincipal(
    spId: string,
    options: SynchronizationCallOptions & { select?: string } = {},
  ): Promise<ServicePrincipal> {
    return this.graph.get<ServicePrincipal>(spPath(spId), {
      ...this.options(options),
      query: { $select: options.select ?? SERVICE_PRINCIPAL_SELECT },
    });
  }

  private options(options: SynchronizationCallOptions): { version: GraphVersion; signal?: AbortSignal } {
    return options.signal ? { version: this.version, signal: options.signal } : { version: this.version };
  }
}

/** `resetScope` as Graph expects it: the flag names joined by ", " (a flags enum). */
export function restartScopeValue(scopes: readonly SynchronizationJobRestartScope[]): string {
  return [...new Set(scopes)].join(', ');
}

function restartBody(scopes: readonly SynchronizationJobRestartScope[] | undefined): object {
  return scopes && scopes.length > 0 ? { criteria: { resetScope: restartScopeValue(scopes) } } : {};
}

export function spPath(spId: string): string {
  return `/servicePrincipals/${encodeURIComponent(spId)}`;
}

export function jobsPath(spId: string): string {
  return `${spPath(spId)}/synchronization/jobs`;
}

export function jobPath(spId: string, jobId: string): string {
  return `${jobsPath(spId)}/${encodeURIComponent(jobId)}`;
}

function secretsPath(spId: string): string {
  return `${spPath(spId)}/synchronization/secrets`;
}

/**
 * The GraphError for one failed item of a `$batch` (the client hands items back as they were answered), shaped like
 * an error from a direct call so callers treat both alike.
 */
export function batchItemError(request: BatchRequest, response: BatchResponse, version: GraphVersion = 'v1.0'): GraphError {
  const headers = new Headers(response.headers);
  const text = response.body === undefined ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  const path = `/${version}${request.url.split('?')[0]}`;
  return GraphError.fromResponse(request.method, path, response.status, headers, text, headers.get('client-request-id') ?? '');
}
