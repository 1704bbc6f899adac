// The last step of the Stability service commands: "Run" first, so Enter runs with what was asked
// before, and "Options…", which lists the service's optional fields with their current values (the
// default named as such). Choosing a field edits it: a quick pick of the documented values for a
// choice such as the style preset, an input box checked as typed for a number (its range, whole
// numbers or its step) or the negative prompt. What is chosen is kept per service for this window's
// session, in memory only: nothing is written to settings or storage.
import * as vscode from 'vscode';
import { optionRangeText, optionValueText, parseOptionInput, serviceOptionSpecs, type OptionSpec, type OptionValues } from '../../core/bedrock/images/stabilityServiceOptions';
import type { StabilityService, StabilityServiceTraits } from '../../core/bedrock/images/stabilityServices';

/** The service, and its name for titles. */
type ServiceRef = Pick<StabilityServiceTraits, 'service' | 'label'>;

/** The values chosen under Options, per service, until the window closes. */
export class ServiceOptionMemory {
  private readonly values = new Map<StabilityService, OptionValues>();

  get(service: StabilityService): OptionValues {
    return { ...(this.values.get(service) ?? {}) };
  }

  set(service: StabilityService, values: OptionValues): void {
    const kept = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as OptionValues;
    this.values.set(service, kept);
  }
}

/** Marks "leave the value as it was" (the user backed out of editing it). */
const UNCHANGED = Symbol('unchanged');

const changedText = (specs: readonly OptionSpec[], values: OptionValues): string =>
  specs
    .filter((s) => values[s.field] !== undefined)
    .map((s) => `${s.label} ${optionValueText(s, values[s.field])}`)
    .join(' · ');

/**
 * Run, or set options first and then run: the values to run with, or undefined when the user
 * backed out (Escape on this step cancels the command, as on every step before it).
 */
export async function runOrOptions(service: ServiceRef, memory: ServiceOptionMemory): Promise<OptionValues | undefined> {
  const specs = serviceOptionSpecs(service.service);
  for (;;) {
    const values = memory.get(service.service);
    const changed = changedText(specs, values);
    const items = [
      { id: 'run', label: '$(play) Run', description: changed ? `with ${changed}` : "with the service's defaults" },
      { id: 'options', label: '$(settings-gear) Options…', description: specs.map((s) => s.label.toLowerCase()).join(', ') },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `${service.label}: run, or set options first`, placeHolder: 'Enter runs', ignoreFocusOut: true });
    if (!picked) return undefined;
    if (picked.id === 'run') return values;
    await editOptions(service, specs, memory);
  }
}

/** The Options list: each field with its value; choosing one edits it; Escape goes back to Run. */
async function editOptions(service: ServiceRef, specs: readonly OptionSpec[], memory: ServiceOptionMemory): Promise<void> {
  for (;;) {
    const values = memory.get(service.service);
    const items = [
      ...specs.map((s) => ({ id: s.field as string, label: s.label, description: optionValueText(s, values[s.field]), detail: `${s.field}: ${s.detail.toLowerCase()}` })),
      ...(changedText(specs, values) ? [{ id: 'reset', label: '$(discard) Reset all to the defaults', description: '', detail: '' }] : []),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `${service.label}: options (Escape goes back to Run)`, placeHolder: 'Choose a field to change', ignoreFocusOut: true, matchOnDetail: true });
    if (!picked) return;
    if (picked.id === 'reset') {
      memory.set(service.service, {});
      continue;
    }
    const spec = specs.find((s) => s.field === picked.id)!;
    const next = await editValue(service, spec, values[spec.field]);
    if (next !== UNCHANGED) memory.set(service.service, { ...values, [spec.field]: next });
  }
}

/** The new value (undefined: the default), or UNCHANGED when the user backed out. */
async function editValue(service: ServiceRef, spec: OptionSpec, current: string | number | undefined): Promise<string | number | undefined | typeof UNCHANGED> {
  const title = `${service.label}: ${spec.label} (${spec.field})`;
  if (spec.kind === 'enum') {
    const isCurrent = (v: string | undefined) => v === current || (current === undefined && v === spec.defaultValue);
    const mark = (v: string | undefined, isDefault: boolean) => [isDefault ? 'default' : '', isCurrent(v) ? 'current' : ''].filter(Boolean).join(', ');
    const items = [
      // A field with no default value (the style preset) can be left unset.
      ...(spec.defaultValue === undefined ? [{ id: '', label: 'None', description: mark(undefined, true) }] : []),
      ...spec.values!.map((v) => ({ id: v, label: v, description: mark(v, v === spec.defaultValue) })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: spec.detail, ignoreFocusOut: true });
    if (!picked) return UNCHANGED;
    return picked.id === '' || picked.id === spec.defaultValue ? undefined : picked.id;
  }
  const what = spec.kind === 'text' ? 'text' : optionRangeText(spec);
  const text = await vscode.window.showInputBox({
    title,
    prompt: `${spec.detail}: ${what}. Empty for the default (${optionValueText(spec, undefined).replace(/^default: /, '')}).`,
    value: current === undefined ? '' : String(current),
    ignoreFocusOut: true,
    validateInput: (v) => {
      const parsed = parseOptionInput(spec, v);
      return 'problem' in parsed ? parsed.problem : undefined;
    },
  });
  if (text === undefined) return UNCHANGED;
  const parsed = parseOptionInput(spec, text);
  if ('problem' in parsed) return UNCHANGED;
  // The default typed out is the default: it is not sent, and the list says "default".
  return parsed.value === spec.defaultValue ? undefined : parsed.value;
}
