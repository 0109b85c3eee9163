// Provision on demand against the sandbox, driven with argument objects (the pickers are for people): the command
// returns the parsed result model and opens the result panel; an unassigned user comes back skipped by scoping; an
// OAuth app whose job runs is refused with the advice to pause it (changing nothing); more than 5 group members are
// refused before Graph is asked.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EntraProvisioningApi } from '../../src/extension';
import type { OnDemandResult } from '../../src/provisioning/onDemand/response';
import { api, graphGet, jobArgs, jobRow, readJob, sandbox, signInApp, token } from './treeSupport';

interface OnDemandOutcome {
  status: 'done' | 'cancelled' | 'notAllowed' | 'failed';
  message?: string;
  result?: OnDemandResult;
  panelTitle?: string;
  request?: { parameters: { ruleId: string; subjects: { objectId: string; objectTypeName: string; links?: unknown }[] }[] };
}

const run = (arg: unknown) => vscode.commands.executeCommand<OnDemandOutcome>('entraProvisioning.provisionOnDemand', arg);

interface GraphUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
}

async function groupByName(name: string): Promise<{ id: string }> {
  const body = await graphGet<{ value: { id: string }[] }>(`/groups?$filter=${encodeURIComponent(`displayName eq '${name}'`)}`);
  assert.ok(body.value[0], `no group ${name}`);
  return body.value[0];
}

async function membersOf(groupId: string): Promise<GraphUser[]> {
  const body = await graphGet<{ value: (GraphUser & { '@odata.type': string })[] }>(`/groups/${groupId}/members?$top=999`);
  return body.value.filter((m) => m['@odata.type'] === '#microsoft.graph.user');
}

async function graphSend(method: 'PUT' | 'POST', path: string, body?: unknown): Promise<void> {
  const response = await fetch(new URL(`v1.0${path}`, sandbox().graph), {
    method,
    headers: { Authorization: `Bearer ${await token()}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.ok(response.ok, `${method} ${path} answered ${response.status}: ${await response.text()}`);
}
const graphPut = (path: string, body: unknown) => graphSend('PUT', path, body);
const graphPost = (path: string) => graphSend('POST', path);

function webviewTabTitles(): string[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview).map((t) => t.label);
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Provision on demand against the sandbox', function () {
  this.timeout(90_000);
  let ext: EntraProvisioningApi;
  let accountId: string;
  let benefitsMembers: GraphUser[];

  before(async () => {
    ext = await api();
    accountId = (await signInApp()).id;
    await ext.jobsTree.refresh();
    benefitsMembers = await membersOf((await groupByName('Benefits Portal Users')).id);
  });

  it('provisions an assigned user: the result model with steps by phase, and a result panel titled after the user', async () => {
    const benefits = await jobRow(ext.jobsTree, accountId, 'Contoso Benefits Portal');
    const user = benefitsMembers[0]!;
    const outcome = await run(jobArgs(benefits, { objectType: 'User', subjectId: user.id }));
    assert.equal(outcome?.status, 'done', outcome?.message);
    const result = outcome.result!;
    assert.ok(['Success', 'Skipped'].includes(result.result), `${result.result}: ${result.summary}`);
    assert.equal(result.shape, 'classic');
    assert.equal(result.sourceIdentity?.id, user.id);
    const phases = result.steps.map((s) => s.phase);
    assert.ok(phases.includes('import') && phases.includes('scoping'), phases.join(', '));
    assert.equal(result.steps.find((s) => s.phase === 'scoping')?.status, 'Success');
    assert.equal(outcome.request?.parameters[0]?.subjects[0]?.objectTypeName, 'User');
    assert.match(outcome.panelTitle ?? '', new RegExp(user.displayName));
    await waitFor(`the panel "${outcome.panelTitle}"`, () => webviewTabTitles().includes(outcome.panelTitle!));
  });

  it('reports a user outside the app\'s assignments as skipped by scoping, with the scoping details', async () => {
    const benefits = await jobRow(ext.jobsTree, accountId, 'Contoso Benefits Portal');
    const members = new Set(benefitsMembers.map((m) => m.id));
    const users = await graphGet<{ value: GraphUser[] }>('/users?$top=999');
    const outsider = users.value.find((u) => !members.has(u.id));
    assert.ok(outsider, 'the seed has users outside the Benefits group');
    const outcome = await run(jobArgs(benefits, { objectType: 'User', subjectId: outsider.id }));
    assert.equal(outcome?.status, 'done', outcome?.message);
    const result = outcome.result!;
    assert.equal(result.result, 'Skipped', result.summary);
    const scoping = result.steps.find((s) => s.phase === 'scoping');
    assert.equal(scoping?.status, 'Skipped');
    assert.equal(scoping?.details['Assigned'], 'False');
    assert.match(result.summary, /skipped/);
    await waitFor('the skipped result panel', () => webviewTabTitles().includes(outcome.panelTitle!));
  });

  it('refuses an OAuth app (Workplace) whose job runs, advising to pause it, and changes nothing', async () => {
    const workplace = await jobRow(ext.jobsTree, accountId, 'Workplace from Meta');
    const before = await readJob(workplace);
    assert.equal(before.schedule.state, 'Active');
    const outcome = await run(jobArgs(workplace, { objectType: 'User', subjectId: benefitsMembers[0]!.id }));
    assert.equal(outcome?.status, 'notAllowed');
    assert.match(outcome.message ?? '', /OAuth/);
    assert.match(outcome.message ?? '', /pause the provisioning job first/);
    assert.equal((await readJob(workplace)).schedule.state, 'Active');
  });

  it('provisions a Workplace user into the sandbox SCIM server with core, enterprise and Workplace extension values', async () => {
    const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const AUTH_METHOD_URN = 'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User';
    const emea = await jobRow(ext.jobsTree, accountId, 'Workplace from Meta (EMEA)');
    const schemaPath = `/servicePrincipals/${emea.job.servicePrincipalId}/synchronization/jobs/${encodeURIComponent(emea.job.jobId)}/schema`;
    const original = await graphGet<{ synchronizationRules: { objectMappings: { sourceObjectName: string; attributeMappings: unknown[] }[] }[] }>(schemaPath);
    // A customisation admins make on Workplace jobs: every user signs in with SSO (a constant mapping).
    const customised = structuredClone(original);
    const users = customised.synchronizationRules[0]!.objectMappings.find((m) => m.sourceObjectName === 'User')!;
    users.attributeMappings.push({
      defaultValue: null, exportMissingReferences: false, flowBehavior: 'FlowWhenChanged', flowType: 'Always', matchingPriority: 0,
      source: { expression: '"sso"', name: 'sso', parameters: [], type: 'Constant' },
      targetAttributeName: `${AUTH_METHOD_URN}:authMethod`,
    });
    await graphPut(schemaPath, customised);
    try {
      type User = { id: string; userPrincipalName: string; department: string | null; displayName: string; accountEnabled: boolean };
      let user: User | undefined;
      for (const member of await membersOf((await groupByName('Workplace Users (EMEA)')).id)) {
        const candidate = await graphGet<User>(`/users/${member.id}?$select=id,userPrincipalName,department,displayName,accountEnabled`);
        if (candidate.department && candidate.accountEnabled) {
          user = candidate;
          break;
        }
      }
      assert.ok(user, 'an enabled EMEA Workplace user with a department');
      const member = user;
      // Workplace is an OAuth app: the command pauses its job first when asked to (a person answers a modal).
      const outcome = await run(jobArgs(emea, { objectType: 'User', subjectId: member.id, pauseIfNeeded: true }));
      assert.equal(outcome?.status, 'done', outcome?.message);
      assert.equal(outcome.result?.result, 'Success', outcome.result?.summary);

      const scimOrigin = new URL(sandbox().scim).origin;
      const stored = (await (await fetch(`${scimOrigin}/_scim/users`)).json()) as { value: Record<string, unknown>[] };
      const created = stored.value.find((u) => String(u.userName).toLowerCase() === user.userPrincipalName.toLowerCase());
      assert.ok(created, `${user.userPrincipalName} is in the SCIM server`);
      assert.equal(created.displayName, user.displayName);
      assert.equal(created.active, true);
      assert.equal((created[ENTERPRISE] as Record<string, unknown> | undefined)?.department, user.department);
      assert.equal((created[AUTH_METHOD_URN] as Record<string, unknown> | undefined)?.authMethod, 'sso');
    } finally {
      await graphPut(schemaPath, original);
      await graphPost(`/servicePrincipals/${emea.job.servicePrincipalId}/synchronization/jobs/${encodeURIComponent(emea.job.jobId)}/start`);
    }
  });

  it('refuses a group with more than 5 members before asking Graph', async () => {
    const benefits = await jobRow(ext.jobsTree, accountId, 'Contoso Benefits Portal');
    const group = await groupByName('Benefits Portal Users');
    const six = benefitsMembers.slice(0, 6).map((m) => m.id);
    assert.equal(six.length, 6, 'the Benefits group has at least 6 members');
    const outcome = await run(jobArgs(benefits, { objectType: 'Group', subjectId: group.id, memberIds: six }));
    assert.equal(outcome?.status, 'notAllowed');
    assert.match(outcome.message ?? '', /at most 5/);
  });
});
