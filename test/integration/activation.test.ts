// Runs inside the real extension host: the extension as VS Code loads it from package.json and dist/extension.js.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'entra-provisioning.entra-provisioning';

interface Contributions {
  viewsContainers?: { activitybar?: Array<{ id: string; title: string }> };
  views?: Record<string, Array<{ id: string; name: string }>>;
  commands?: Array<{ command: string }>;
}

function ourExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is not loaded in this VS Code`);
  return extension;
}

describe('Extension activation', () => {
  it('is loaded from the development path', () => {
    const extension = ourExtension();
    assert.equal(extension.packageJSON.name, 'entra-provisioning');
  });

  it('activates without throwing', async () => {
    const extension = ourExtension();
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('contributes the Entra Provisioning activity-bar container and its jobs view', () => {
    const contributes = ourExtension().packageJSON.contributes as Contributions;
    const container = contributes.viewsContainers?.activitybar?.find((c) => c.id === 'entraProvisioning');
    assert.ok(container, 'no activity-bar container "entraProvisioning"');
    assert.equal(container.title, 'Entra Provisioning');
    const views = contributes.views?.entraProvisioning ?? [];
    assert.ok(
      views.some((view) => view.id === 'entraProvisioning.jobs'),
      `views of the container: ${views.map((v) => v.id).join(', ')}`,
    );
  });

  it('registers the Show Log command', async () => {
    await ourExtension().activate();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('entraProvisioning.showLog'));
  });

  it('opens its view container from the command VS Code generates for it', async () => {
    await ourExtension().activate();
    await vscode.commands.executeCommand('workbench.view.extension.entraProvisioning');
  });

  it('shows its log without throwing', async () => {
    await ourExtension().activate();
    await vscode.commands.executeCommand('entraProvisioning.showLog');
  });
});
