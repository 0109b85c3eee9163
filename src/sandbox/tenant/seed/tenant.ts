// Fixed identity of the sandbox tenant "Contoso (sandbox)" and small shared helpers for the seed modules.
import { Random } from '../../random';

export const TENANT_ID = '7d3c4f1e-9a2b-4e6d-8c5f-1b0a9e8d7c6f';
export const TENANT_DISPLAY_NAME = 'Contoso (sandbox)';
export const DEFAULT_DOMAIN = 'contoso-sandbox.example';
/** European offices get their own UPN suffix, as many real tenants do. */
export const EU_DOMAIN = 'eu.contoso-sandbox.example';
export const INITIAL_DOMAIN = 'contososandbox.onmicrosoft.com';
export const VERIFIED_DOMAINS = [DEFAULT_DOMAIN, EU_DOMAIN, INITIAL_DOMAIN];
/** Users from the Fabrikam acquisition still sign in with this suffix; it was never verified (Workplace error 1789003). */
export const UNVERIFIED_DOMAIN = 'fabrikam-unverified.example';
/** Where the seed's B2B guests come from. */
export const GUEST_HOME_DOMAIN = 'northwind-partners.example';

export const TENANT_ID_NO_DASHES = TENANT_ID.replace(/-/g, '');

/** Independent, named random streams: adding data to one part of the seed doesn't reshuffle the others. */
export function stream(name: string): Random {
  return new Random(`contoso-sandbox/${name}`);
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function minutesBefore(now: Date, minutes: number): Date {
  return new Date(now.getTime() - minutes * MINUTE);
}
export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY);
}
export function addSeconds(at: Date, seconds: number): Date {
  return new Date(at.getTime() + seconds * 1000);
}

/** Graph prints DateTimeOffsets with 7 fractional digits ("2021-05-24T21:45:53.6330529Z"). */
export function graphTime(at: Date, rng?: Random): string {
  const extra = rng ? rng.digits(4).replace(/^./, String(rng.int(0, 9))) : '0000';
  return at.toISOString().replace(/\.(\d{3})Z$/, `.$1${extra}Z`);
}

export { NEVER } from '../jobs';
