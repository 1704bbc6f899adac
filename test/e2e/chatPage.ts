// The chat page as the specs drive it: opening the chat once the extension is up, and sending from
// its composer (type, Enter).
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { frameWhere } from './webviewOver';
import type { Workbench } from './workbench';

/**
 * Runs a chat command (`Bedrock: Open Chat`, `… in Editor`) once the extension has activated: its
 * view is shown first and the status bar names the region, so the palette lists its commands.
 */
export async function openChat(wb: Workbench, command = 'Bedrock: Open Chat'): Promise<void> {
  await wb.page.locator('.activitybar .action-item a[aria-label^="Bedrock"]').first().click();
  await wb.page.locator('.statusbar-item', { hasText: 'us-east-1' }).first().waitFor({ timeout: 60_000 });
  await wb.runCommand(command);
}

/** The chat page's own frame (for what no selector expresses, such as scrolling, or its whole DOM). */
export function chatPageFrame(page: Page): Promise<Frame> {
  return frameWhere(page, () => !!document.getElementById('transcript'));
}

/** Sends `prompt` from the composer; returns the reply it starts (the next one in the transcript). */
export async function sendPrompt(chat: FrameLocator, prompt: string): Promise<Locator> {
  const input = chat.locator('#prompt');
  await input.waitFor({ timeout: 30_000 });
  const before = await chat.locator('.turn-assistant').count();
  // fill focuses the box as a click would, without needing it uncovered (the settings panel may be open).
  await input.fill(prompt);
  await input.press('Enter');
  return chat.locator('.turn-assistant').nth(before);
}

/** Waits until `reply`'s turn line shows its total time: the turn has finished. */
export async function finished(reply: Locator): Promise<Locator> {
  await reply.locator('.turn-line', { hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
  return reply;
}
