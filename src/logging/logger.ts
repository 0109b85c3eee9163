// The one logger interface of the core. Hosts supply the sink: the extension a LogOutputChannel, the CLI stderr.
// Every message goes through `redactSecrets` first, so a token or secret that slips into a message is never printed.

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogLevel = keyof Logger;

/** A logger that drops everything (for library callers that did not ask for logs). */
export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const SECRET_PATTERNS: readonly [RegExp, string][] = [
  // Authorization: Bearer eyJ... and bare JWTs
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, '$1 <redacted>'],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '<redacted-jwt>'],
  // key=value and "key":"value" forms of secret-bearing fields
  [
    /((?:client_secret|clientSecret|secret|password|access_token|refresh_token|id_token|client_assertion|code_verifier|device_code|SecretToken)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
    '$1<redacted>',
  ],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Wraps a sink so every message is redacted before it is written. */
export function redactingLogger(sink: Logger): Logger {
  const wrap = (level: LogLevel) => (message: string) => sink[level](redactSecrets(message));
  return { trace: wrap('trace'), debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
