// The job's admin settings, kept by Graph as the service principal's "secrets" list: Tenant URL + secret token,
// notification email, and scope (SyncAll). Every edit reads the list, changes its keys and writes the whole list
// back (the core's mergeSecrets); credentials and scope confirm in a modal. Test Connection asks Graph to check the
// saved credentials. The secret token is typed into a password box and goes straight to Graph: never logged, never
// stored, never echoed in a message.
import * as vscode from 'vscode';
import { GraphError } from '../../graph/errors';
import {
  mergeSecrets,
  notificationEmailProblem,
  notificationSettings,
  parseNotificationSettings,
  parseSyncAll,
  secretValue,
  syncAllValue,
  syncScopeChangeNote,
  workplaceTenantUrlWarning,
  type SecretChanges,
  type SyncScope,
} from '../../provisioning/credentials';
import { explainProvisioningError } from '../../provisioning/errorCatalog';
import { confirmChange, runGraphAction, type ActionDeps, type Outcome } from './actionRunner';
import { resolveJob, type JobArgs, type ResolvedJob, type TargetDeps } from './targets';
import { syncApi } from '../../provisioning/tree/graphSources';

type Deps = ActionDeps & TargetDeps;

export interface CredentialsArgs extends JobArgs {
  baseAddress?: string;
  /** Omit to keep the saved token. */
  secretToken?: string;
}

export interface NotificationArgs extends JobArgs {
  email: string;
  sendOnFailure: boolean;
}

export interface ScopeArgs extends JobArgs {
  scope: SyncScope;
}

export async function setCredentials(deps: Deps, input: unknown): Promise<Outcome<{ warning?: string }>> {
  const target = await resolveJob(input, deps, { title: vscode.l10n.t('Set Provisioning Credentials') });
  if (!target) return { status: 'cancelled' };
  const args = target.programmatic ? (input as CredentialsArgs) : undefined;
  const api = syncApi(deps.accounts, target.ref.accountId);
  const existing = await api.getSecrets(target.ref.servicePrincipalId);
  const templateId = target.ref.templateId;

  const baseAddress = args ? args.baseAddress : await askTenantUrl(templateId, secretValue(existing, 'BaseAddress') ?? '');
  if (baseAddress === undefined && !args) return { status: 'cancelled' };
  const secretToken = args ? args.secretToken : await askSecretToken(target);
  if (secretToken === undefined && !args) return { status: 'cancelled' };

  const changes: SecretChanges = {
    ...(baseAddress !== undefined ? { BaseAddress: baseAddress.trim() } : {}),
    // An empty token box keeps the saved token.
    ...(secretToken ? { SecretToken: secretToken } : {}),
  };
  const warning = workplaceTenantUrlWarning(templateId, baseAddress ?? secretValue(existing, 'BaseAddress'));
  const confirmed = await confirmChange(
    target,
    target.ref,
    vscode.l10n.t('Save the admin credentials of “{0}” in tenant {1}?', target.ref.appName, target.ref.tenantLabel),
    [
      baseAddress !== undefined ? vscode.l10n.t('Tenant URL: {0}', baseAddress.trim()) : undefined,
      secretToken ? vscode.l10n.t('Secret token: replaced') : vscode.l10n.t('Secret token: unchanged'),
      warning,
    ],
    vscode.l10n.t('Save'),
  );
  if (!confirmed) return { status: 'cancelled' };
  const outcome = await runGraphAction(deps, target.ref, vscode.l10n.t('Saving the credentials of {0}', target.ref.appName), async () => {
    await api.putSecrets(target.ref.servicePrincipalId, mergeSecrets(existing, changes));
    return warning ? { warning } : {};
  });
  if (outcome.status === 'done') {
    const test = vscode.l10n.t('Test Connection');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Credentials of {0} saved.', target.ref.appName), ...(target.programmatic ? [] : [test]))
      .then((answer) => (answer === test ? testConnection(deps, { ...target.ref }) : undefined));
  }
  return outcome;
}

export async function setNotificationEmail(deps: Deps, input: unknown): Promise<Outcome> {
  const target = await resolveJob(input, deps, { title: vscode.l10n.t('Set Notification Email') });
  if (!target) return { status: 'cancelled' };
  const api = syncApi(deps.accounts, target.ref.accountId);
  const existing = await api.getSecrets(target.ref.servicePrincipalId);
  const previous = secretValue(existing, 'SyncNotificationSettings');
  const current = parseNotificationSettings(previous);
  let email: string | undefined;
  let sendOnFailure: boolean | undefined;
  if (target.programmatic) {
    ({ email, sendOnFailure } = input as NotificationArgs);
  } else {
    email = await vscode.window.showInputBox({
      title: vscode.l10n.t('Notification email for {0}', target.ref.appName),
      prompt: vscode.l10n.t('Where the provisioning service sends quarantine and accidental-deletion alerts (several addresses: separate with ;).'),
      value: current?.recipients ?? '',
      validateInput: (value) => notificationEmailProblem(value, false),
    });
    if (email === undefined) return { status: 'cancelled' };
    const yes = { label: vscode.l10n.t('Send an email notification when a failure occurs'), value: true };
    const no = { label: vscode.l10n.t('Do not send failure notifications'), value: false };
    const picked = await vscode.window.showQuickPick(current?.enabled === false ? [no, yes] : [yes, no], {
      title: vscode.l10n.t('Notification email for {0}', target.ref.appName),
    });
    if (!picked) return { status: 'cancelled' };
    sendOnFailure = picked.value;
  }
  const problem = notificationEmailProblem(email ?? '', sendOnFailure === true);
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return { status: 'notAllowed', message: problem };
  }
  const value = notificationSettings(email ?? '', sendOnFailure === true, previous);
  const outcome = await runGraphAction(deps, target.ref, vscode.l10n.t('Saving the notification email of {0}', target.ref.appName), async () => {
    await api.putSecrets(target.ref.servicePrincipalId, mergeSecrets(existing, { SyncNotificationSettings: value }));
    return {};
  });
  if (outcome.status === 'done') void vscode.window.showInformationMessage(vscode.l10n.t('Notification settings of {0} saved.', target.ref.appName));
  return outcome;
}

export async function setScope(deps: Deps, input: unknown): Promise<Outcome<{ note?: string }>> {
  const target = await resolveJob(input, deps, { title: vscode.l10n.t('Set Provisioning Scope') });
  if (!target) return { status: 'cancelled' };
  const api = syncApi(deps.accounts, target.ref.accountId);
  const existing = await api.getSecrets(target.ref.servicePrincipalId);
  const from = parseSyncAll(secretValue(existing, 'SyncAll'));
  let to: SyncScope | undefined = target.programmatic ? (input as ScopeArgs).scope : undefined;
  if (!to) {
    const items = [
      { label: vscode.l10n.t('Sync only assigned users and groups'), scope: 'assigned' as const },
      { label: vscode.l10n.t('Sync all users and groups'), scope: 'all' as const },
    ].map((item) => ({ ...item, description: item.scope === from ? vscode.l10n.t('current') : undefined }));
    to = (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Scope of {0}', target.ref.appName) }))?.scope;
  }
  if (to !== 'assigned' && to !== 'all') return { status: 'cancelled' };
  const note = syncScopeChangeNote(from, to);
  const label = to === 'all' ? vscode.l10n.t('all users and groups') : vscode.l10n.t('only assigned users and groups');
  const confirmed = await confirmChange(
    target,
    target.ref,
    vscode.l10n.t('Provision {0} to “{1}” in tenant {2}?', label, target.ref.appName, target.ref.tenantLabel),
    [to === 'all' ? vscode.l10n.t('Every user and group in the directory comes into scope, not only those assigned to the app.') : undefined, note],
    vscode.l10n.t('Change Scope'),
  );
  if (!confirmed) return { status: 'cancelled' };
  const outcome = await runGraphAction(deps, target.ref, vscode.l10n.t('Changing the scope of {0}', target.ref.appName), async () => {
    await api.putSecrets(target.ref.servicePrincipalId, mergeSecrets(existing, { SyncAll: syncAllValue(to) }));
    return note ? { note } : {};
  });
  if (outcome.status === 'done') void vscode.window.showInformationMessage([vscode.l10n.t('Scope of {0} saved.', target.ref.appName), note].filter(Boolean).join(' '));
  return outcome;
}

/** Test Connection: Graph checks the saved credentials against the app. Pass and fail are both clear messages. */
export async function testConnection(deps: Deps, input: unknown): Promise<Outcome<{ ok: boolean; message: string }>> {
  const target = await resolveJob(input, deps, { title: vscode.l10n.t('Test Connection') });
  if (!target) return { status: 'cancelled' };
  const api = syncApi(deps.accounts, target.ref.accountId);
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing the connection to {0}…', target.ref.appName) },
      () => api.validateCredentials(target.ref.servicePrincipalId, target.ref.jobId, { useSavedCredentials: true }),
    );
  } catch (error) {
    // A 400 is Graph's "the credentials do not work": that is a test result, not a failure of the command.
    if (error instanceof GraphError && error.kind === 'http' && error.status === 400) {
      const explained = explainProvisioningError({ code: error.code ?? null, message: error.message });
      const message = vscode.l10n.t('Test Connection failed for {0}: {1}', target.ref.appName, [error.message, explained.known ? explained.fix : undefined].filter(Boolean).join(' '));
      void vscode.window.showErrorMessage(message);
      return { status: 'done', ok: false, message };
    }
    return runGraphAction(deps, target.ref, vscode.l10n.t('Testing the connection to {0}', target.ref.appName), () => Promise.reject(error));
  }
  const message = vscode.l10n.t('Test Connection succeeded: Entra can reach {0} with the saved credentials.', target.ref.appName);
  void vscode.window.showInformationMessage(message);
  return { status: 'done', ok: true, message };
}

async function askTenantUrl(templateId: string, current: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Tenant URL'),
    prompt: vscode.l10n.t('The SCIM endpoint of the app (Tenant URL / BaseAddress).'),
    value: current,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const text = value.trim();
      if (!/^https?:\/\/\S+$/i.test(text)) return vscode.l10n.t('Enter an http(s) URL.');
      const warning = workplaceTenantUrlWarning(templateId, text);
      return warning ? { message: warning, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
    },
  });
}

async function askSecretToken(target: ResolvedJob): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Secret token for {0}', target.ref.appName),
    prompt: vscode.l10n.t('The bearer token the provisioning service sends to the app. Leave empty to keep the saved one.'),
    password: true,
    ignoreFocusOut: true,
  });
}
