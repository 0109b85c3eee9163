// What the user and group pickers ask Graph (on-demand provisioning, the mapping preview): a search by the start of a
// name, UPN or mail with `$filter=startswith(…)` — a standard query on real tenants, no ConsistencyLevel header needed —
// or a direct lookup when the admin pastes an object id. Reads /users and /groups with the write-tier token: their
// permissions (User.Read.All, Group.Read.All) come with the write consent (src/auth/scopes.ts).
import type { GraphClient } from '../../graph/client';
import type { OnDemandObjectType } from './request';

export interface DirectoryEntry {
  id: string;
  displayName: string;
  /** UPN for users, mail (or nickname) for groups. */
  secondary: string | null;
  /** Users: false when sign-in is blocked. */
  accountEnabled?: boolean;
}

export interface DirectoryCallOptions {
  signal?: AbortSignal;
}

const PAGE = 25;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USER_SELECT = 'id,displayName,userPrincipalName,mail,accountEnabled';
const GROUP_SELECT = 'id,displayName,mail,mailNickname';

/** An OData string literal: single quotes doubled. */
export function odataString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The `$filter` for a search text: startswith on the properties an admin types (names, UPN, mail). */
export function searchFilter(kind: OnDemandObjectType, text: string): string {
  const literal = odataString(text.trim());
  const properties = kind === 'User' ? ['displayName', 'userPrincipalName', 'mail', 'givenName', 'surname'] : ['displayName', 'mail', 'mailNickname'];
  return properties.map((p) => `startswith(${p},${literal})`).join(' or ');
}

/** Users or groups whose name, UPN or mail starts with `text` (the first ones when empty; the object for an id). */
export async function searchDirectory(graph: GraphClient, kind: OnDemandObjectType, text: string, options: DirectoryCallOptions = {}): Promise<DirectoryEntry[]> {
  const collection = kind === 'User' ? '/users' : '/groups';
  const select = kind === 'User' ? USER_SELECT : GROUP_SELECT;
  const trimmed = text.trim();
  const call = { write: true, ...(options.signal ? { signal: options.signal } : {}) };
  if (GUID.test(trimmed)) {
    try {
      const one = await graph.get<Record<string, unknown>>(`${collection}/${trimmed}`, { ...call, query: { $select: select } });
      return [entryOf(kind, one)];
    } catch (error) {
      if ((error as { status?: number }).status === 404) return [];
      throw error;
    }
  }
  const query: Record<string, string | number> = { $select: select, $top: PAGE };
  if (trimmed) query['$filter'] = searchFilter(kind, trimmed);
  const page = await graph.get<{ value?: Record<string, unknown>[] }>(collection, { ...call, query });
  return (page.value ?? []).map((item) => entryOf(kind, item)).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** A group's user members (first page: on demand takes at most 5 anyway), for the member picker. */
export async function groupUserMembers(graph: GraphClient, groupId: string, options: DirectoryCallOptions = {}): Promise<DirectoryEntry[]> {
  const page = await graph.get<{ value?: Record<string, unknown>[] }>(`/groups/${encodeURIComponent(groupId)}/members`, {
    write: true,
    query: { $top: 100 },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return (page.value ?? [])
    .filter((m) => m['@odata.type'] === undefined || m['@odata.type'] === '#microsoft.graph.user')
    .map((m) => entryOf('User', m));
}

/**
 * Properties of a user the provisioning service reads as source attributes (v1.0 returns only a handful by default);
 * with the manager expanded for Reference mappings. sourceFromGraphUser turns the answer into the source object.
 */
export const USER_SOURCE_SELECT = [
  'id', 'displayName', 'givenName', 'surname', 'userPrincipalName', 'mail', 'mailNickname', 'accountEnabled', 'jobTitle',
  'department', 'companyName', 'employeeId', 'employeeType', 'employeeHireDate', 'employeeOrgData', 'officeLocation', 'city',
  'state', 'country', 'streetAddress', 'postalCode', 'mobilePhone', 'businessPhones', 'faxNumber', 'preferredLanguage',
  'usageLocation', 'userType', 'otherMails', 'proxyAddresses', 'onPremisesExtensionAttributes', 'onPremisesImmutableId',
  'onPremisesSamAccountName', 'onPremisesUserPrincipalName', 'createdDateTime', 'deletedDateTime',
].join(',');

/** One user with every property a mapping may read (the manager as `{ id, … }`). */
export async function getUserForPreview(graph: GraphClient, userId: string, options: DirectoryCallOptions = {}): Promise<Record<string, unknown>> {
  return graph.get<Record<string, unknown>>(`/users/${encodeURIComponent(userId)}`, {
    write: true,
    query: { $select: USER_SOURCE_SELECT, $expand: 'manager($select=id,displayName)' },
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

function entryOf(kind: OnDemandObjectType, item: Record<string, unknown>): DirectoryEntry {
  const text = (key: string) => (typeof item[key] === 'string' && item[key] !== '' ? (item[key] as string) : null);
  const id = text('id') ?? '';
  const displayName = text('displayName') ?? id;
  if (kind === 'User') {
    return { id, displayName, secondary: text('userPrincipalName') ?? text('mail'), ...(typeof item['accountEnabled'] === 'boolean' ? { accountEnabled: item['accountEnabled'] } : {}) };
  }
  return { id, displayName, secondary: text('mail') ?? text('mailNickname') };
}
