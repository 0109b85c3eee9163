// Pick a user or a group of a tenant: a QuickPick that searches Graph as the admin types (debounced, each new query
// cancels the one before), or looks an object id up directly. Used by provision on demand and the mapping preview.
import * as vscode from 'vscode';
import type { GraphClient } from '../../graph/client';
import { groupUserMembers, searchDirectory, type DirectoryEntry } from '../../provisioning/onDemand/directorySearch';
import type { OnDemandObjectType } from '../../provisioning/onDemand/request';
import { describeActionError } from '../../provisioning/tree/loadErrors';

const DEBOUNCE_MS = 250;

interface EntryItem extends vscode.QuickPickItem {
  entry?: DirectoryEntry;
}

/** Resolves with the picked entry, or undefined when dismissed. */
export function pickDirectoryObject(graph: GraphClient, kind: OnDemandObjectType, title: string): Promise<DirectoryEntry | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<EntryItem>();
    pick.title = title;
    pick.placeholder =
      kind === 'User'
        ? vscode.l10n.t('Type the start of a name, user principal name or mail, or paste an object id')
        : vscode.l10n.t('Type the start of a group name or mail, or paste an object id');
    // Graph already filtered: don't let the QuickPick hide results whose label does not contain the text (UPN hits).
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    let timer: NodeJS.Timeout | undefined;
    let inFlight: AbortController | undefined;
    let done = false;

    const search = (text: string) => {
      inFlight?.abort();
      const controller = new AbortController();
      inFlight = controller;
      pick.busy = true;
      searchDirectory(graph, kind, text, { signal: controller.signal }).then(
        (entries) => {
          if (controller.signal.aborted) return;
          pick.items = entries.length > 0 ? entries.map(itemOf) : [{ label: vscode.l10n.t('No match for “{0}”', text), alwaysShow: true }];
          pick.busy = false;
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          pick.items = [{ label: `$(error) ${describeActionError(error, vscode.l10n.t('Searching the directory failed'))}`, alwaysShow: true }];
          pick.busy = false;
        },
      );
    };
    const finish = (entry: DirectoryEntry | undefined) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      inFlight?.abort();
      pick.dispose();
      resolve(entry);
    };

    pick.onDidChangeValue((value) => {
      clearTimeout(timer);
      timer = setTimeout(() => search(value), DEBOUNCE_MS);
    });
    pick.onDidAccept(() => {
      const entry = pick.selectedItems[0]?.entry;
      if (entry) finish(entry);
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
    search('');
  });
}

function itemOf(entry: DirectoryEntry): EntryItem {
  return {
    label: entry.displayName,
    description: [entry.secondary, entry.accountEnabled === false ? vscode.l10n.t('sign-in blocked') : undefined].filter(Boolean).join(' · '),
    detail: entry.id,
    alwaysShow: true,
    entry,
  };
}

/** Up to `max` of a group's user members (multi-select), or undefined when dismissed; [] is a valid answer. */
export async function pickGroupMembers(graph: GraphClient, group: DirectoryEntry, max: number): Promise<string[] | undefined> {
  const members = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the members of {0}…', group.displayName) },
    () => groupUserMembers(graph, group.id),
  );
  if (members.length === 0) return [];
  for (;;) {
    const picked = await vscode.window.showQuickPick(
      members.map((m) => ({ label: m.displayName, description: m.secondary ?? undefined, detail: m.id, id: m.id })),
      {
        title: vscode.l10n.t('Members to provision with {0}', group.displayName),
        placeHolder: vscode.l10n.t('Pick up to {0} members (or none: the group alone)', max),
        canPickMany: true,
        matchOnDescription: true,
      },
    );
    if (!picked) return undefined;
    if (picked.length <= max) return picked.map((p) => p.id);
    void vscode.window.showWarningMessage(vscode.l10n.t('A group can be provisioned on demand with at most {0} members; {1} were picked.', max, picked.length));
  }
}
