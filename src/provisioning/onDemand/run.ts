// One on-demand run: take a slot from the job's pacer (Graph: 5 requests / 10 s), send the request, parse whichever
// documented answer comes back. Cancellable throughout with the caller's AbortSignal.
import type { ProvisionOnDemandRequest } from '../../graph/model';
import type { SynchronizationApi } from '../../graph/synchronization';
import { pacerFor, type SlidingWindowPacer } from './pacer';
import { parseOnDemandResponse, type OnDemandResult } from './response';

export interface RunOnDemandOptions {
  signal?: AbortSignal;
  /** Told before waiting for a free slot (milliseconds), so the UI can say why nothing happens yet. */
  onWait?: (ms: number) => void;
  /** Default: the process-wide pacer of this job. */
  pacer?: SlidingWindowPacer;
}

export async function runOnDemand(
  api: Pick<SynchronizationApi, 'provisionOnDemand'>,
  target: { servicePrincipalId: string; jobId: string },
  request: ProvisionOnDemandRequest,
  options: RunOnDemandOptions = {},
): Promise<OnDemandResult> {
  const pacer = options.pacer ?? pacerFor(`${target.servicePrincipalId}/${target.jobId}`);
  await pacer.acquire(options.signal, options.onWait);
  const pair = await api.provisionOnDemand(target.servicePrincipalId, target.jobId, request, options.signal ? { signal: options.signal } : {});
  return parseOnDemandResponse(pair);
}
