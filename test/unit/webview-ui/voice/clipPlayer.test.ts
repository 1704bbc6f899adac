// A voice clip's themed player in jsdom: its button plays and pauses the hidden audio element and
// says which it will do, its bar and time follow the audio, and a click on the bar seeks.
import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { clipPlayer } from '../../../../webview-ui/voice/clipPlayer';

function setup() {
  const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
  const window = dom.window as unknown as Window & typeof globalThis;
  (globalThis as Record<string, unknown>).document = window.document;
  const calls: string[] = [];
  // jsdom cannot play media (play/pause are "not implemented" there): these stand in for the
  // browser, recording the call and changing `paused` with the event a browser fires.
  const media = window.HTMLMediaElement.prototype;
  const setPaused = (a: HTMLMediaElement, paused: boolean) => Object.defineProperty(a, 'paused', { value: paused, configurable: true });
  media.play = function (this: HTMLMediaElement) {
    calls.push('play');
    setPaused(this, false);
    this.dispatchEvent(new window.Event('play'));
    return Promise.resolve();
  };
  media.pause = function (this: HTMLMediaElement) {
    calls.push('pause');
    setPaused(this, true);
    this.dispatchEvent(new window.Event('pause'));
  };
  const audio = window.document.createElement('audio');
  audio.controls = true;
  const player = clipPlayer(audio, 'Voice reply', 0.5);
  window.document.body.append(player);
  const button = player.querySelector<HTMLButtonElement>('button.icon-button')!;
  const bar = player.querySelector<HTMLElement>('[role="progressbar"]')!;
  const time = player.querySelector<HTMLElement>('.voice-player-time')!;
  return { window, audio, player, button, bar, time, calls };
}

describe('voice clip player (jsdom)', () => {
  after(() => delete (globalThis as Record<string, unknown>).document);

  it('hides the native controls and keeps the audio element inside as the engine', () => {
    const { audio, player, time, bar } = setup();
    assert.equal(audio.parentElement, player);
    assert.equal(audio.controls, false);
    assert.equal(audio.hidden, true);
    assert.equal(time.textContent, '0:00 / 0:01');
    assert.equal(bar.getAttribute('aria-valuenow'), '0');
    assert.equal(player.querySelector('input'), null, 'no native range input');
  });

  it('the button plays, then pauses, the audio and names what it will do next', () => {
    const { button, calls } = setup();
    assert.equal(button.getAttribute('aria-label'), 'Play voice reply');
    assert.ok(button.querySelector('.codicon-play'));
    button.click();
    assert.deepEqual(calls, ['play']);
    assert.equal(button.getAttribute('aria-label'), 'Pause');
    assert.ok(button.querySelector('.codicon-debug-pause'));
    assert.equal(button.querySelector('.codicon-play'), null);
    button.click();
    assert.deepEqual(calls, ['play', 'pause']);
    assert.equal(button.getAttribute('aria-label'), 'Play voice reply');
    assert.ok(button.querySelector('.codicon-play'));
  });

  it('the bar and time follow playback, and a click on the bar seeks', () => {
    const { window, audio, bar, time } = setup();
    audio.currentTime = 0.25;
    audio.dispatchEvent(new window.Event('timeupdate'));
    assert.equal(bar.getAttribute('aria-valuenow'), '50');
    // jsdom lays nothing out: the bar's box is given here as a browser would measure it.
    bar.getBoundingClientRect = () => ({ left: 100, width: 200, top: 0, height: 4, right: 300, bottom: 4, x: 100, y: 0, toJSON: () => ({}) });
    bar.dispatchEvent(new window.MouseEvent('click', { clientX: 250, bubbles: true }));
    assert.ok(Math.abs(audio.currentTime - 0.375) < 1e-9, `seeks three quarters in, got ${audio.currentTime}`);
    assert.equal(bar.getAttribute('aria-valuenow'), '75');
    assert.equal(time.textContent, '0:00 / 0:01');
  });
});
