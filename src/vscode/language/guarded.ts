// Provider bodies run through `guarded`: an analysis bug must cost the user one feature at one position, not an
// error notification or an unhandled rejection.
import type { Logger } from '../../logging/logger';

const reportedFailures = new Set<string>();

/**
 * Runs a provider body; a failure is reported to VS Code as "nothing here" and logged once per distinct message (a
 * broken analysis would otherwise log on every keystroke).
 */
export function guarded<T>(logger: Logger, what: string, body: () => T): T | undefined {
  try {
    return body();
  } catch (error) {
    const message = `Mapping ${what} failed: ${error instanceof Error ? error.message : String(error)}`;
    if (!reportedFailures.has(message) && reportedFailures.size < 100) {
      reportedFailures.add(message);
      logger.error(error instanceof Error && error.stack ? `${message}\n${error.stack}` : message);
    }
    return undefined;
  }
}
