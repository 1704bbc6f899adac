// The Jobs view in the Bedrock container: every async invocation in the region, newest first, with
// its status, model, submitted time, how long it ran and why it failed. The tracker (core) decides
// when to poll; this only draws what it holds and sets the context keys the menus read.
import * as vscode from 'vscode';
import { elapsedText, isRunning, resultKind, type AsyncJob } from '../../core/bedrock/async/asyncJob';
import type { JobTracker } from '../../core/bedrock/async/jobTracker';
import { redact } from '../../core/bedrock/errors/redact';
import { Disposable } from '../../core/lifecycle';

export type JobNode = { kind: 'job'; job: AsyncJob } | { kind: 'message'; text: string; tooltip?: string };

const STATUS_ICON: Record<string, [string, string]> = {
  InProgress: ['sync~spin', 'charts.blue'],
  Completed: ['pass', 'testing.iconPassed'],
  Failed: ['error', 'testing.iconFailed'],
};

function when(d: Date | undefined): string {
  return d ? d.toLocaleString() : 'unknown';
}

export class JobsView extends Disposable implements vscode.TreeDataProvider<JobNode> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<JobNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  readonly view: vscode.TreeView<JobNode>;
  /** Seconds keep moving for running jobs; redraws while any runs (no network involved). */
  private ticker?: ReturnType<typeof setInterval>;

  constructor(
    private readonly tracker: JobTracker,
    private readonly modelName: (id: string) => string | undefined,
  ) {
    super();
    this.view = this._register(vscode.window.createTreeView('bedrock.jobs', { treeDataProvider: this }));
    this._register(tracker.onDidChange(() => this.redraw()));
    this._register({ dispose: () => this.ticker && clearInterval(this.ticker) });
    this.redraw();
  }

  private redraw(): void {
    const jobs = this.tracker.jobs;
    const running = jobs.filter(isRunning).length;
    this.view.description = running ? `${running} running` : undefined;
    void vscode.commands.executeCommand('setContext', 'bedrock.jobs.empty', this.tracker.loaded && !jobs.length && !this.tracker.lastError);
    if (running && !this.ticker) this.ticker = setInterval(() => this.changeEmitter.fire(undefined), 1000);
    if (!running && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
    this.changeEmitter.fire(undefined);
  }

  getChildren(node?: JobNode): JobNode[] {
    if (node) return [];
    const out: JobNode[] = [];
    const err = this.tracker.lastError;
    if (err) out.push({ kind: 'message', text: `Could not read jobs: ${redact(err.message)}`, tooltip: err.detail ? redact(err.detail) : undefined });
    out.push(...this.tracker.jobs.map((job): JobNode => ({ kind: 'job', job })));
    if (this.tracker.truncated) out.push({ kind: 'message', text: 'Older jobs are not listed.' });
    return out;
  }

  getTreeItem(node: JobNode): vscode.TreeItem {
    if (node.kind === 'message') {
      const item = new vscode.TreeItem(node.text);
      item.iconPath = new vscode.ThemeIcon('warning');
      item.tooltip = node.tooltip;
      return item;
    }
    const { job } = node;
    const name = this.modelName(job.modelId) ?? job.modelId;
    // The status first: it is what the list is read for; the id (in the tooltip too) tells same-model jobs apart.
    const item = new vscode.TreeItem(name);
    item.id = job.invocationArn;
    const elapsed = elapsedText(job, new Date());
    const status = job.status === 'InProgress' ? 'In progress' : job.status;
    item.description = [status, elapsed, job.submitTime ? job.submitTime.toLocaleTimeString() : undefined, job.invocationId].filter(Boolean).join(' · ');
    const [icon, color] = STATUS_ICON[job.status] ?? ['question', 'foreground'];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escape(name)}** — ${escape(status)}\n\n`);
    md.appendMarkdown(`Submitted ${escape(when(job.submitTime))}${elapsed ? `, ${isRunning(job) ? 'running for' : 'took'} ${elapsed}` : ''}\n\n`);
    if (job.failureMessage) md.appendMarkdown(`Failure: ${escape(redact(job.failureMessage))}\n\n`);
    if (job.outputFolder) md.appendMarkdown(`Output: \`${escape(job.outputFolder)}\`\n\n`);
    md.appendMarkdown(`\`${escape(job.invocationArn)}\``);
    item.tooltip = md;
    // Menus: `asyncJob` always; the status; and what Open Result can show.
    item.contextValue = ['asyncJob', job.status.toLowerCase(), job.status === 'Completed' ? `result-${resultKind(job)}` : ''].filter(Boolean).join(' ');
    if (job.status === 'Completed' && resultKind(job) !== 'other') {
      item.command = { command: 'bedrock.openJobResult', title: 'Open Result', arguments: [node] };
    }
    return item;
  }
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
