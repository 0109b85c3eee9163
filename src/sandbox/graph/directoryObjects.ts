// GET /users, /users/{id | userPrincipalName}, /groups, /groups/{id}, /groups/{id}/members (+ `$count` forms): what
// the product's user/group pickers and scoping editors read. Directory query rules: case-insensitive string
// filters, `$search` and `$count` only with `ConsistencyLevel: eventual`, pages of 100 by default (999 at most).
import type { User } from '../../graph/model';
import type { Router, SandboxRequest } from '../http/router';
import { GraphErrors } from '../http/graphErrors';
import type { Tenant, DirectoryObject } from '../tenant';
import { odataContext } from './context';
import { countResponse, entityResponse, listResponse, project, type CollectionSpec } from './odata/query';
import { GROUPS_READ, USERS_READ } from './permissions';

/** What v1.0 returns for a user without `$select` (beta returns every property). */
export const USER_DEFAULT_PROPERTIES_V1 = [
  'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation',
  'preferredLanguage', 'surname', 'userPrincipalName', 'id',
] as const;

const USER_PROPERTIES = [
  ...USER_DEFAULT_PROPERTIES_V1, 'accountEnabled', 'ageGroup', 'city', 'companyName', 'country', 'createdDateTime',
  'creationType', 'department', 'employeeHireDate', 'employeeId', 'employeeLeaveDateTime', 'employeeOrgData',
  'employeeType', 'externalUserState', 'faxNumber', 'identities', 'imAddresses', 'mailNickname',
  'onPremisesImmutableId', 'onPremisesSamAccountName', 'onPremisesSyncEnabled', 'onPremisesUserPrincipalName',
  'otherMails', 'postalCode', 'proxyAddresses', 'showInAddressList', 'state', 'streetAddress', 'usageLocation',
  'userType',
  // Selectable on Graph (the mapping preview asks for them); absent from a seed user = null in the answer.
  'onPremisesExtensionAttributes', 'deletedDateTime',
];

const GROUP_PROPERTIES = [
  'id', 'classification', 'createdDateTime', 'deletedDateTime', 'description', 'displayName', 'expirationDateTime',
  'groupTypes', 'isAssignableToRole', 'mail', 'mailEnabled', 'mailNickname', 'membershipRule',
  'membershipRuleProcessingState', 'onPremisesSyncEnabled', 'proxyAddresses', 'renewedDateTime', 'securityEnabled',
  'securityIdentifier', 'visibility',
];

/** A user's navigation properties: returned only through `$expand` (or their own path, /users/{id}/manager). */
const USER_NAVIGATION = ['manager'] as const;

/** Every property a Graph type defines plus any extra the seed carries (extension attributes), minus navigation. */
function knownProperties(declared: readonly string[], resources: readonly object[]): string[] {
  const seen = new Set(declared);
  for (const resource of resources) for (const key of Object.keys(resource)) seen.add(key);
  for (const navigation of USER_NAVIGATION) seen.delete(navigation);
  return [...seen];
}

function userSpec(tenant: Tenant): CollectionSpec {
  return {
    contextFragment: 'users',
    typeName: 'microsoft.graph.user',
    resourceName: 'User',
    properties: knownProperties(USER_PROPERTIES, tenant.users()),
    filterable: [
      'id', 'userPrincipalName', 'displayName', 'mail', 'givenName', 'surname', 'accountEnabled', 'jobTitle',
      'department', 'userType', 'employeeId', 'companyName', 'country', 'city', 'state', 'mailNickname',
      'otherMails', 'proxyAddresses', 'usageLocation', 'officeLocation', 'createdDateTime', 'employeeType',
    ],
    functions: ['startswith', 'any'],
    caseInsensitive: true,
    searchable: ['displayName', 'userPrincipalName', 'mail', 'givenName', 'surname', 'mailNickname', 'jobTitle', 'department'],
    orderable: ['displayName', 'userPrincipalName'],
    navigationProperties: USER_NAVIGATION,
    defaultSelect: (req) => (req.apiVersion === 'beta' ? undefined : USER_DEFAULT_PROPERTIES_V1),
    defaultPageSize: 100,
    maxPageSize: 999,
    advancedQueriesNeedConsistencyLevel: true,
  };
}

function groupSpec(tenant: Tenant): CollectionSpec {
  return {
    contextFragment: 'groups',
    typeName: 'microsoft.graph.group',
    resourceName: 'Group',
    properties: knownProperties(GROUP_PROPERTIES, tenant.groups()),
    filterable: ['id', 'displayName', 'mail', 'mailEnabled', 'mailNickname', 'securityEnabled', 'groupTypes', 'description'],
    functions: ['startswith', 'any'],
    caseInsensitive: true,
    searchable: ['displayName', 'description', 'mail', 'mailNickname'],
    orderable: ['displayName'],
    defaultPageSize: 100,
    maxPageSize: 999,
    advancedQueriesNeedConsistencyLevel: true,
  };
}

/** Group members are directoryObjects of mixed types, each tagged with its `@odata.type`. */
function memberSpec(users: CollectionSpec, groups: CollectionSpec): CollectionSpec {
  return {
    contextFragment: 'directoryObjects',
    typeName: 'microsoft.graph.directoryObject',
    resourceName: 'DirectoryObject',
    properties: [...new Set([...users.properties, ...groups.properties, 'appId', 'servicePrincipalType'])],
    filterable: ['id', 'displayName', 'userPrincipalName', 'mail', 'accountEnabled'],
    functions: ['startswith', 'any'],
    caseInsensitive: true,
    searchable: ['displayName', 'userPrincipalName', 'mail'],
    orderable: ['displayName'],
    navigationProperties: USER_NAVIGATION,
    defaultPageSize: 100,
    maxPageSize: 999,
    advancedQueriesNeedConsistencyLevel: true,
  };
}

const ODATA_TYPES: Record<DirectoryObject['type'], string> = {
  user: '#microsoft.graph.user',
  group: '#microsoft.graph.group',
  servicePrincipal: '#microsoft.graph.servicePrincipal',
};

/**
 * Users as the list and get routes serve them: the seed stores `manager` as `{ id, displayName }`; an `$expand`
 * returns the manager as a directoryObject (the user with its `@odata.type`), v1.0 with the default property set.
 */
function userResources(req: SandboxRequest, tenant: Tenant, users: readonly User[]): object[] {
  if (!req.query.has('$expand')) return users as object[];
  return users.map((user) => ({ ...user, manager: managerOf(req, tenant, user) }));
}

function managerOf(req: SandboxRequest, tenant: Tenant, user: User): object | null {
  const reference = user.manager;
  const manager = reference ? tenant.user(reference.id) : undefined;
  if (!manager) return null;
  const { manager: _ignored, ...resource } = manager;
  const shown = req.apiVersion === 'beta' ? resource : project(resource, USER_DEFAULT_PROPERTIES_V1);
  return { '@odata.type': ODATA_TYPES.user, ...shown };
}

function memberResources(req: SandboxRequest, members: DirectoryObject[]): object[] {
  return members.map((member) => {
    // v1.0 returns a user member with the user's default properties, as it does on /users.
    const resource =
      member.type === 'user' && req.apiVersion !== 'beta' ? project(member.resource, USER_DEFAULT_PROPERTIES_V1) : member.resource;
    return { '@odata.type': ODATA_TYPES[member.type], ...resource };
  });
}

export function registerDirectoryObjectRoutes(router: Router, tenant: Tenant): void {
  const users = userSpec(tenant);
  const groups = groupSpec(tenant);
  const members = memberSpec(users, groups);
  const usersRead = { anyOf: USERS_READ };
  const groupsRead = { anyOf: GROUPS_READ };

  router
    .get('/users', (req) => listResponse(req, userResources(req, tenant, tenant.users()), users), usersRead)
    .get('/users/$count', (req) => countResponse(req, tenant.users(), users), usersRead)
    .get(
      '/users/{id}',
      (req) => {
        const user = tenant.user(req.params.id!);
        if (!user) return GraphErrors.notFound(req, req.params.id!);
        return entityResponse(req, userResources(req, tenant, [user])[0]!, users);
      },
      usersRead,
    )
    .get(
      '/users/{id}/manager',
      (req) => {
        const user = tenant.user(req.params.id!);
        if (!user) return GraphErrors.notFound(req, req.params.id!);
        const manager = managerOf(req, tenant, user);
        // Graph answers 404 Request_ResourceNotFound for a user without a manager.
        if (!manager) return GraphErrors.notFound(req, 'manager');
        return { status: 200, body: { '@odata.context': odataContext(req, 'directoryObjects/$entity'), ...manager } };
      },
      usersRead,
    )
    .get('/groups', (req) => listResponse(req, tenant.groups(), groups), groupsRead)
    .get('/groups/$count', (req) => countResponse(req, tenant.groups(), groups), groupsRead)
    .get(
      '/groups/{id}',
      (req) => {
        const group = tenant.group(req.params.id!);
        return group ? entityResponse(req, group, groups) : GraphErrors.notFound(req, req.params.id!);
      },
      groupsRead,
    )
    .get(
      '/groups/{id}/members',
      (req) => {
        const found = tenant.groupMembers(req.params.id!);
        return found ? listResponse(req, memberResources(req, found), members) : GraphErrors.notFound(req, req.params.id!);
      },
      groupsRead,
    )
    .get(
      '/groups/{id}/members/$count',
      (req) => {
        const found = tenant.groupMembers(req.params.id!);
        return found ? countResponse(req, memberResources(req, found), members) : GraphErrors.notFound(req, req.params.id!);
      },
      groupsRead,
    );
}
