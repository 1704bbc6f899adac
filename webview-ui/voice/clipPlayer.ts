// A voice clip's player in the chat's own look: a play/pause icon button, a thin bar showing how
// far it has played (a click seeks), and the elapsed and total time. The `<audio>` element stays as
// the engine, hidden and without the browser's controls, whose native pill ignores the theme.
import { el } from '../chat/dom';

/** Minutes and seconds: 0:07, 1:32. Total time rounds up so a short clip never reads 0:00. */
const clock = (seconds: number, up = false) => {
  const s = Number.isFinite(seconds) && seconds > 0 ? (up ? Math.ceil(seconds) : Math.floor(seconds)) : 0;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * Wraps `audio` in the themed controls. `seconds` is the clip's known length, shown until the
 * audio's own metadata arrives (a restored clip's data comes later from the host).
 */
export function clipPlayer(audio: HTMLAudioElement, label: string, seconds: number): HTMLElement {
  audio.controls = false;
  audio.hidden = true;
  const icon = el('span', { class: 'codicon codicon-play', 'aria-hidden': 'true' });
  const button = el('button', { type: 'button', class: 'icon-button voice-player-toggle', 'aria-label': `Play ${label.toLowerCase()}` }, icon);
  const fill = el('div', { class: 'voice-player-fill' });
  const bar = el('div', { class: 'voice-player-bar', role: 'progressbar', 'aria-label': `${label} played`, 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': '0' }, fill);
  const time = el('span', { class: 'voice-player-time' });
  const total = () => (Number.isFinite(audio.duration) && audio.duration > 0 ? audio.duration : seconds);

  const showTime = () => {
    const fraction = total() > 0 ? Math.min(1, audio.currentTime / total()) : 0;
    // Set through the CSSOM, which the webview's CSP allows (a style attribute it does not).
    fill.style.setProperty('--played', String(fraction));
    bar.setAttribute('aria-valuenow', String(Math.round(fraction * 100)));
    time.textContent = `${clock(audio.currentTime)} / ${clock(total(), true)}`;
  };
  const showPlaying = () => {
    const playing = !audio.paused && !audio.ended;
    icon.classList.toggle('codicon-play', !playing);
    icon.classList.toggle('codicon-debug-pause', playing);
    button.setAttribute('aria-label', playing ? 'Pause' : `Play ${label.toLowerCase()}`);
  };

  // A native button: Space and Enter press it too.
  button.addEventListener('click', () => {
    if (audio.paused || audio.ended) void audio.play()?.catch(() => undefined);
    else audio.pause();
  });
  bar.addEventListener('click', (e) => {
    const box = bar.getBoundingClientRect();
    if (box.width <= 0 || !(total() > 0)) return;
    audio.currentTime = Math.max(0, Math.min(1, (e.clientX - box.left) / box.width)) * total();
    showTime();
  });
  for (const name of ['play', 'pause', 'ended']) audio.addEventListener(name, showPlaying);
  for (const name of ['timeupdate', 'loadedmetadata', 'durationchange', 'ended']) audio.addEventListener(name, showTime);
  showTime();
  return el('div', { class: 'voice-player', role: 'group', 'aria-label': label }, audio, button, bar, time);
}
