// The sign-in commands. Each takes an optional argument so scripts and tests can run it without prompts:
//   entraProvisioning.signIn   {method, tenant?, clientId?, cloud?, clientSecret? | certificatePem + privateKeyPem
//                               (+ thumbprint?)}  → the Account, or undefined when cancelled/failed
//                              {accountId}  → sign in again to that account
//   entraProvisioning.signOut  accountId | {accountId, confirm?: false} | a tree item with `accountId` or `account`
//   entraProvisioning.listAccounts → the signed-in accounts (metadata only, never tokens)
// Without an argument they ask with quick picks and input boxes.
import * as vscode from 'vscode';
import { describeAccount, type Account } from '../../auth/accounts';
import { isClientId, isTenant, type AuthManager, type SignInRequest, type SignInUi } from '../../auth/authManager';
import { cloudFromSettings, tenantOfAuthority, type AuthSettings } from '../../auth/settings';
import { SignInError, isSignInError } from '../../auth/signInError';
import type { CloudId } from '../../graph/clouds';
import type { Logger } from '../../logging/logger';
import { readSettings } from './settings';

export const SIGN_IN_COMMAND = 'entraProvisioning.signIn';
export const SIGN_OUT_COMMAND = 'entraProvisioning.signOut';
export const LIST_ACCOUNTS_COMMAND = 'entraProvisioning.listAccounts';

type Method = SignInRequest['method'];
const METHODS: readonly Method[] = ['interactive', 'deviceCode', 'clientSecret', 'certificate'];
const CLOUD_IDS: readonly CloudId[] = ['Global', 'USGov', 'USGovDoD', 'China', 'Sandbox'];

export function registerAuthCommands(auth: AuthManager, ui: SignInUi, logger: Logger): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(SIGN_IN_COMMAND, (arg?: unknown) => signInCommand(auth, ui, logger, arg)),
    vscode.commands.registerCommand(SIGN_OUT_COMMAND, (arg?: unknown) => signOutCommand(auth, logger, arg)),
    vscode.commands.registerCommand(LIST_ACCOUNTS_COMMAND, () => auth.listAccounts()),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Sign in

async function signInCommand(auth: AuthManager, ui: SignInUi, logger: Logger, arg: unknown): Promise<Account | undefined> {
  try {
    const again = accountIdOf(arg);
    if (again && !(isObject(arg) && 'method' in arg)) {
      const account = await auth.reauthenticate(again);
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed in again as {0}.', account.username));
      return account;
    }
    const settings = readSettings();
    const request = isObject(arg) && 'method' in arg ? requestFromArgument(arg, settings) : await askForRequest(ui, settings);
    if (!request) return undefined;
    const account =
      request.method === 'clientSecret' || request.method === 'certificate'
        ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Signing in…') }, () => auth.signIn(request))
        : await auth.signIn(request);
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in: {0}.', describeAccount(account)));
    return account;
  } catch (error) {
    reportError(error, logger, vscode.l10n.t('Sign-in failed'));
    return undefined;
  }
}

/** A SignInRequest from a command argument; the cloud and the user-flow client id default to the settings. */
function requestFromArgument(arg: Record<string, unknown>, settings: AuthSettings): SignInRequest {
  const method = arg.method as Method;
  if (!METHODS.includes(method)) throw new SignInError('invalidRequest', `Unknown sign-in method '${String(arg.method)}'. Use one of: ${METHODS.join(', ')}.`);
  const cloudId = arg.cloud === undefined ? settings.cloud : (arg.cloud as CloudId);
  if (!CLOUD_IDS.includes(cloudId)) throw new SignInError('invalidRequest', `Unknown cloud '${String(arg.cloud)}'. Use one of: ${CLOUD_IDS.join(', ')}.`);
  const cloud = cloudFromSettings(settings, cloudId);
  const text = (name: string) => (typeof arg[name] === 'string' ? (arg[name] as string) : undefined);
  if (method === 'interactive' || method === 'deviceCode') {
    const tenant = text('tenant');
    return { method, cloud, clientId: text('clientId') ?? settings.clientId, ...(tenant ? { tenant } : {}) };
  }
  const tenant = text('tenant') ?? '';
  const clientId = text('clientId') ?? '';
  if (method === 'clientSecret') return { method, cloud, tenant, clientId, clientSecret: text('clientSecret') ?? '' };
  const thumbprint = text('thumbprint');
  return { method, cloud, tenant, clientId, certificatePem: text('certificatePem') ?? '', privateKeyPem: text('privateKeyPem') ?? '', ...(thumbprint ? { thumbprint } : {}) };
}

interface MethodItem extends vscode.QuickPickItem {
  method: Method;
}

/** The quick-pick walk: method, tenant, client id, then the secret or certificate. Undefined when dismissed. */
async function askForRequest(ui: SignInUi, settings: AuthSettings): Promise<SignInRequest | undefined> {
  const cloud = cloudFromSettings(settings);
  const title = vscode.l10n.t('Sign in to {0}', cloud.label);
  const preferred = ui.preferredMethod();
  const recommended = vscode.l10n.t('recommended here');
  const items: MethodItem[] = [
    {
      method: 'interactive',
      label: `$(browser) ${vscode.l10n.t('Sign in with the browser')}`,
      detail: vscode.l10n.t('Opens the Microsoft sign-in page; you come back here when done.'),
      ...(preferred === 'interactive' ? { description: recommended } : {}),
    },
    {
      method: 'deviceCode',
      label: `$(device-mobile) ${vscode.l10n.t('Sign in with a device code')}`,
      detail: vscode.l10n.t('Enter a code in any browser, on any device. Works in remote windows and Codespaces.'),
      ...(preferred === 'deviceCode' ? { description: recommended } : {}),
    },
    {
      method: 'clientSecret',
      label: `$(key) ${vscode.l10n.t('App-only: client secret')}`,
      detail: vscode.l10n.t("An app registration's client secret, for automation accounts. Uses the app's granted application permissions."),
    },
    {
      method: 'certificate',
      label: `$(verified) ${vscode.l10n.t('App-only: certificate')}`,
      detail: vscode.l10n.t("An app registration's certificate and private key (PEM files)."),
    },
  ];
  if (preferred === 'deviceCode') items.unshift(items.splice(1, 1)[0]!);
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: vscode.l10n.t('How do you want to sign in? (The cloud is the setting entraProvisioning.cloud.)'),
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const appOnly = picked.method === 'clientSecret' || picked.method === 'certificate';

  const tenant = await vscode.window.showInputBox({
    title,
    prompt: appOnly
      ? vscode.l10n.t('Tenant ID (GUID) or a verified domain of the tenant, e.g. contoso.onmicrosoft.com')
      : vscode.l10n.t("Tenant ID or domain — or 'organizations' to sign in to your own tenant"),
    // A custom cloud's authority setting usually names its tenant: the natural default for app-only.
    value: appOnly ? (cloud.id === 'Sandbox' ? (tenantOfAuthority(settings.sandboxAuthority) ?? '') : '') : 'organizations',
    ignoreFocusOut: true,
    validateInput: (value) => (isTenant(value, !appOnly) ? undefined : vscode.l10n.t('Give a tenant ID (GUID) or a domain name{0}.', appOnly ? '' : vscode.l10n.t(", or 'organizations'"))),
  });
  if (tenant === undefined) return undefined;

  const clientId = await vscode.window.showInputBox({
    title,
    prompt: appOnly
      ? vscode.l10n.t("The app registration's Application (client) ID")
      : vscode.l10n.t('Client ID of the app to sign in through (the default is Microsoft Graph Command Line Tools; setting entraProvisioning.clientId)'),
    value: appOnly ? '' : settings.clientId,
    ignoreFocusOut: true,
    validateInput: (value) => (isClientId(value) ? undefined : vscode.l10n.t('A client ID is a GUID, e.g. 14d82eec-204b-4c2f-b7e8-296a70dab67e.')),
  });
  if (clientId === undefined) return undefined;

  switch (picked.method) {
    case 'interactive':
    case 'deviceCode':
      return { method: picked.method, cloud, tenant: tenant.trim(), clientId: clientId.trim() };
    case 'clientSecret': {
      const clientSecret = await vscode.window.showInputBox({
        title,
        prompt: vscode.l10n.t("The client secret's Value (not its Secret ID). It is kept in VS Code's secret storage."),
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('The secret is empty.')),
      });
      if (clientSecret === undefined) return undefined;
      return { method: 'clientSecret', cloud, tenant: tenant.trim(), clientId: clientId.trim(), clientSecret: clientSecret.trim() };
    }
    case 'certificate': {
      const pem = await askForCertificate(title);
      if (!pem) return undefined;
      return { method: 'certificate', cloud, tenant: tenant.trim(), clientId: clientId.trim(), ...pem };
    }
  }
}

/** The certificate and its private key from PEM files (one combined file, or two picked together or in turn). */
async function askForCertificate(title: string): Promise<{ certificatePem: string; privateKeyPem: string } | undefined> {
  const pick = async (label: string) =>
    vscode.window.showOpenDialog({ title: `${title}: ${label}`, openLabel: label, canSelectMany: true, filters: { PEM: ['pem', 'crt', 'cer', 'key'] } });
  const first = await pick(vscode.l10n.t('Select the certificate and private key (PEM)'));
  if (!first || first.length === 0) return undefined;
  let text = await readAll(first);
  if (!privateKeyBlock(text)) {
    const second = await pick(vscode.l10n.t('Select the private key (PEM)'));
    if (!second || second.length === 0) return undefined;
    text += `\n${await readAll(second)}`;
  }
  const privateKeyPem = privateKeyBlock(text);
  if (!privateKeyPem) throw new SignInError('invalidRequest', vscode.l10n.t('No unencrypted PEM private key was found in the selected files.'));
  return { certificatePem: text.replace(privateKeyPem, ''), privateKeyPem };
}

async function readAll(uris: readonly vscode.Uri[]): Promise<string> {
  const parts = await Promise.all(uris.map(async (uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))));
  return parts.join('\n');
}

function privateKeyBlock(text: string): string | undefined {
  return /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(text)?.[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Sign out

async function signOutCommand(auth: AuthManager, logger: Logger, arg: unknown): Promise<boolean> {
  try {
    let accountId = accountIdOf(arg);
    if (!accountId) {
      const accounts = auth.listAccounts();
      if (accounts.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No account is signed in.'));
        return false;
      }
      const picked = await vscode.window.showQuickPick(
        accounts.map((account) => ({
          label: `${account.kind === 'app' ? '$(key)' : '$(account)'} ${account.username}`,
          description: account.tenantId,
          detail: account.cloud.label,
          account,
        })),
        { title: vscode.l10n.t('Sign out'), placeHolder: vscode.l10n.t('Which account?') },
      );
      if (!picked) return false;
      accountId = picked.account.id;
    }
    const account = auth.getAccount(accountId);
    if (!account) {
      void vscode.window.showInformationMessage(vscode.l10n.t('That account is not signed in.'));
      return false;
    }
    const confirm = !(isObject(arg) && arg.confirm === false);
    if (confirm) {
      const signOut = vscode.l10n.t('Sign Out');
      const detail =
        account.kind === 'app'
          ? vscode.l10n.t('Tenant {0} ({1}). Its tokens and its stored secret or certificate key are removed from this computer.', account.tenantId, account.cloud.label)
          : vscode.l10n.t('Tenant {0} ({1}). Its tokens are removed from this computer.', account.tenantId, account.cloud.label);
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Sign out {0}?', account.username), { modal: true, detail }, signOut);
      if (answer !== signOut) return false;
    }
    await auth.signOut(accountId);
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed out {0}.', account.username));
    return true;
  } catch (error) {
    reportError(error, logger, vscode.l10n.t('Sign-out failed'));
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** The account an argument names: an id string, `{accountId}`, or a tree item carrying `accountId` or `account`. */
function accountIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (!isObject(arg)) return undefined;
  if (typeof arg.accountId === 'string') return arg.accountId;
  const account = arg.account as { id?: unknown } | undefined;
  return typeof account?.id === 'string' ? account.id : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reportError(error: unknown, logger: Logger, what: string): void {
  if (isSignInError(error, 'cancelled')) {
    logger.info(`${what}: cancelled`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  logger.error(`${what}: ${message}`);
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showErrorMessage(`${what}: ${message}`, showLog).then((choice) => {
    if (choice === showLog) void vscode.commands.executeCommand('entraProvisioning.showLog');
  });
}
