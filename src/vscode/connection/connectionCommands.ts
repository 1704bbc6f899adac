// The region and AWS-profile pickers (status bar menu, palette). Each writes its setting; the
// connection follows the setting change.
import * as vscode from 'vscode';
import { listProfiles } from '../../core/bedrock/connection/sharedConfig';
import { BEDROCK_REGIONS, isRegionId } from '../../core/bedrock/connection/regions';
import { showErrorMessage } from '../notify';
import { updateSetting } from '../settings';

export interface ConnectionCommandDeps {
  currentRegion(): string;
  currentProfile(): string | undefined;
  log: vscode.LogOutputChannel;
}

export function connectionCommands(deps: ConnectionCommandDeps) {
  return {
    'bedrock.selectRegion': async (regionArg?: unknown) => {
      let region = typeof regionArg === 'string' ? regionArg : undefined;
      if (!region) {
        const current = deps.currentRegion();
        const items: (vscode.QuickPickItem & { id?: string })[] = BEDROCK_REGIONS.map((r) => ({
          label: `${r.id === current ? '$(check) ' : ''}${r.id}`,
          description: r.name,
          detail: r.mantle ? '$(sparkle) also serves OpenAI/Anthropic-compatible APIs (bedrock-mantle)' : undefined,
          id: r.id,
        }));
        items.push({ label: '$(edit) Enter another region id…' });
        const picked = await vscode.window.showQuickPick(items, { title: `Bedrock region (now ${current})`, matchOnDescription: true });
        if (!picked) return;
        region = picked.id ?? (await vscode.window.showInputBox({ title: 'AWS region id', placeHolder: 'e.g. eu-central-1', validateInput: (v) => (isRegionId(v.trim()) ? undefined : 'A region id looks like us-east-1') }))?.trim();
      }
      if (!region) return;
      if (!isRegionId(region)) {
        void showErrorMessage(`"${region}" is not an AWS region id (they look like us-east-1). The region is unchanged.`);
        return;
      }
      if (await updateSetting('region', region, 'the Bedrock region')) deps.log.info(`Region set to ${region}`);
    },

    'bedrock.selectProfile': async () => {
      const profiles = listProfiles();
      const current = deps.currentProfile();
      const items: (vscode.QuickPickItem & { name?: string })[] = [
        { label: `${!current ? '$(check) ' : ''}Default credential chain`, description: 'environment, SSO, default profile, instance role', name: '' },
        ...profiles.map((p) => ({
          label: `${p.name === current ? '$(check) ' : ''}${p.name}`,
          description: [p.region, p.sso ? 'SSO' : ''].filter(Boolean).join(' · '),
          detail: p.file,
          name: p.name,
        })),
      ];
      const picked = await vscode.window.showQuickPick(items, {
        title: profiles.length ? 'AWS profile for Bedrock' : 'No profiles found in your AWS config files: using the default chain',
        matchOnDetail: true,
      });
      if (picked?.name === undefined) return;
      await updateSetting('profile', picked.name, 'the AWS profile');
    },
  };
}
